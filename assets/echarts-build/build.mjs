// Builds ../vendor/echarts/echarts.custom.min.js from entry.js: esbuild
// bundles only what entry.js imports from ECharts, terser shrinks it further,
// and the brotli copy beside it (quality 11) is what the server sends to
// browsers that accept brotli, so that it need not compress 600 KB itself.
import { build } from 'esbuild';
import { minify } from 'terser';
import { writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

const out = '../vendor/echarts/echarts.custom.min.js';

const bundled = await build({
  entryPoints: ['entry.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2018',
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
});
const min = await minify(bundled.outputFiles[0].text, {
  ecma: 2018,
  compress: { passes: 2 },
  mangle: true,
  format: { comments: false },
});
writeFileSync(out, min.code);
const br = brotliCompressSync(Buffer.from(min.code), {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: min.code.length,
  },
});
writeFileSync(out + '.br', br);
console.log(`${out}: ${min.code.length} bytes, ${br.length} with brotli`);
