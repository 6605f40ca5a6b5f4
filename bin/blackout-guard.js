#!/usr/bin/env node
// Runs the command line from its bundle: plain JavaScript built by esbuild from the TypeScript
// sources, kept between runs and built again when one changed (src/bundle/cliBundle.mjs), so
// `npm install` remains the only set-up step and nothing built is kept in the repository.
// Where it cannot be built (a read-only installation, a source esbuild refuses), the sources run
// through tsx, which reports such a source as it would have.
import { cliBundle } from '../src/bundle/cliBundle.mjs';

const bundle = await cliBundle().catch(() => undefined);
if (bundle !== undefined) {
  await import(bundle.url);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
