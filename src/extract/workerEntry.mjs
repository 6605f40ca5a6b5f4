// Entry of the pool's worker threads. The sources are TypeScript, run through tsx: a worker
// started from a process that registered tsx with its API (bin/blackout-guard.js) does not
// inherit the hooks, so it registers them itself (harmless when `--import tsx` already did).
import { register } from 'tsx/esm/api';

register();
const { default: walkTask } = await import('./worker.ts');
export default walkTask;
