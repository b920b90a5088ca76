import type { TestsConfig } from "../config/schema.js";
import { findTestSteps } from "./ci-steps.js";

/** Rounds of chain reads one judgement may spend: CI file → script → Makefile → … */
export const MAX_CHAIN_ROUNDS = 4;
/** Files one round may read, so a hostile tree cannot make a judgement read without end. */
export const MAX_CHAIN_FILES = 20;

/**
 * The files a judgement needs next: links of a chain (a Makefile, a build script, a
 * Dockerfile) that the CI files read so far lead to. The reader fetches them and asks
 * again until nothing new is wanted; what it could not read is listed in the summary.
 */
export function moreFilesToRead(
  paths: readonly string[],
  files: Readonly<Record<string, string>>,
  config: Pick<TestsConfig, "services">,
): string[] {
  return findTestSteps(paths, files, config).wanted.slice(0, MAX_CHAIN_FILES);
}
