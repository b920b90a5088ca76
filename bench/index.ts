import { boardBench } from "./board.js";
import { mainlineBench, mainlineLatencyBench, mainlineLimitBench } from "./mainline.js";
import { queueIntakeBench, queueReplicasBench } from "./queue.js";
import { storeBench } from "./store.js";
import { sweepBench } from "./sweep.js";
import { testsBench } from "./tests.js";
import { printTable, type BenchTable } from "./table.js";

/**
 * `npm run bench`: API requests (and time) per operation against the fake GitHub,
 * each beside its lower bound. Benchmarks register here; tests never time anything.
 */
const only = process.argv[2];
const benches: Array<{ name: string; run: () => Promise<BenchTable> }> = [
  { name: "mainline", run: mainlineBench },
  { name: "mainline-latency", run: mainlineLatencyBench },
  { name: "mainline-limit", run: mainlineLimitBench },
  { name: "sweep", run: sweepBench },
  { name: "tests", run: testsBench },
  { name: "board", run: boardBench },
  { name: "store", run: storeBench },
  { name: "queue", run: queueIntakeBench },
  { name: "queue", run: queueReplicasBench },
];

for (const bench of benches.filter((b) => !only || b.name === only)) {
  const started = performance.now();
  const table = await bench.run();
  printTable(table);
  console.log(`\n(${bench.name}: ${((performance.now() - started) / 1000).toFixed(1)}s)`);
}
