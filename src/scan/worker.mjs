// Entry of the scan worker threads when pool.ts could not bundle them: loads the TypeScript
// sources through tsx, whose loader hooks a worker does not inherit when they were registered in
// code (bin/blackout-guard.js): register them here too (a second registration, when the process
// was started with `--import tsx`, is harmless), then load the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./scanWorker.ts');
