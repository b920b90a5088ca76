import { afterEach } from "@jest/globals";
import { assertEveryRequestModelled } from "./fake-github.js";

// Jest runs this file before every test file (`setupFilesAfterEnv`): a request the fake
// GitHub does not model fails the test that made it, whichever helper set the fake up.
afterEach(assertEveryRequestModelled);
