// Entry point of `npm run doctor` (in the container: `node dist/src/doctor/main.js`).
// Prints the report and exits 1 when anything must be fixed, so scripts can gate on it.
import { runDoctor } from './run-doctor.ts';

const report = await runDoctor(process.env);
process.stdout.write(report.text);
process.exit(report.ok ? 0 : 1);
