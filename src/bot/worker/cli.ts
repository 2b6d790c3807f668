/** Entry point of `npm run worker`; see workerCli.ts. */
import { runWorkerCli } from './workerCli.js';

runWorkerCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `The worker could not run: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
