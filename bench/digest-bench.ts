// `npx tsx bench/digest-bench.ts`: the digest bench on its own, printed as a table.
import { digestBench } from './digest.ts';
import { renderTable } from './table.ts';

process.stdout.write(`${renderTable(await digestBench())}\n`);
