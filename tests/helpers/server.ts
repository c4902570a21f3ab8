// The entry point browser and process tests use to start a real Parley (see app.ts).
export { startTestServer, type TestServer } from './app.js';
