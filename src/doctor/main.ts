// Entry point of `npm run doctor` (in the container: `node dist/src/doctor/main.js`).
// Prints the report and exits 1 when anything must be fixed, so scripts can gate on it.
import { loadLocalEnvFile } from '../env-file.ts';
import { runDoctor } from './run-doctor.ts';

// The same configuration `npm start` would see, .env included.
loadLocalEnvFile();
const report = await runDoctor(process.env);
process.stdout.write(report.text);
process.exit(report.ok ? 0 : 1);
