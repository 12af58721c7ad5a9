// Entry of the import thread (off-thread-import.ts). Plain JavaScript because a worker thread
// starts without the parent's TypeScript loader: the thread is created with empty execArgv (under
// `npm start` it would inherit tsx's flags, under vitest nothing), so it registers tsx itself,
// the same way in every runtime, and then loads the TypeScript import code.
import { register } from 'tsx/esm/api';

register();
await import('./import-thread.ts');
