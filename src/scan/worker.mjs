// Entry of the scan worker threads. The CLI runs the TypeScript sources through tsx, whose loader
// hooks a worker does not inherit when they were registered in code (bin/blackout-guard.js):
// register them here too (a second registration, when the process was started with
// `--import tsx`, is harmless), then load the worker itself.
import { register } from 'tsx/esm/api';

register();
const { default: classify } = await import('./scanWorker.ts');

export default classify;
