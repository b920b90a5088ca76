import { startDemo } from "./start-demo.js";

/**
 * `npm run demo`: Andon against a simulated organisation, no GitHub and no credentials.
 * Prints the board's address, plays a compressed working day (a step every few seconds),
 * then keeps serving the board until stopped (Ctrl-C).
 */
const port = Number(process.env.PORT ?? 3000);
const stepMs = Number(process.env.ANDON_DEMO_STEP_SECONDS ?? 4) * 1000;
const demo = await startDemo({
  port,
  // `npm start` without credentials: the demo, and a way to register the real app.
  offerRegistration: process.argv.includes("--offer-registration"),
});

console.log(
  [
    "",
    "  Andon DEMO — a simulated organisation (acme), no GitHub, no credentials.",
    "",
    `  The andon board:  ${demo.boardUrl}`,
    "",
    "  Playing a compressed working day; Ctrl-C stops.",
    "",
  ].join("\n"),
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log("\nDEMO stopping.");
  await demo.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

for (;;) {
  await new Promise((resolve) => setTimeout(resolve, stepMs));
  if (stopping) break;
  const step = await demo.next();
  if (!step) break;
  console.log(`  ${step.at} UTC  ${step.title}`);
}
if (!stopping) console.log("\n  The day is over; the board stays up until Ctrl-C.");
