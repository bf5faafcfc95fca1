/** `npm run web:build`: the web app, rebuilt only when its sources or the supergraph changed. */
import { ensureWebBuild } from './lib/web-build.js';

const started = Date.now();
if (await ensureWebBuild((l) => console.log(l))) console.log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
