// Entry of an inspection worker thread (piscina). The application runs its TypeScript sources
// through tsx, whose loader a worker thread does not inherit when it was registered by
// `register()` (as bin/blackout-guard.js does): register it here, then load the task.
import { register } from 'tsx/esm/api';

register();
const task = await import('./task.ts');
export default task.default;
