// Builds ../vendor/echarts/echarts.custom.min.js from entry.js, and the
// server's echarts.ssr.min.js from entry-ssr.js: esbuild
// bundles only what entry.js imports from ECharts, terser shrinks it further,
// and the brotli copy beside it (quality 11) is what the server sends to
// browsers that accept brotli, so that it need not compress 600 KB itself.
import { build } from 'esbuild';
import { minify } from 'terser';
import { writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

// bundle builds one entry into out, minified, and returns its code.
async function bundle(entry, out) {
  const bundled = await build({
    entryPoints: [entry],
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
  return min.code;
}

// The server's copy draws SVG on the server (entry-ssr.js); it is read from
// the binary, never sent, so it needs no brotli copy.
const ssr = await bundle('entry-ssr.js', '../vendor/echarts/echarts.ssr.min.js');
console.log(`../vendor/echarts/echarts.ssr.min.js: ${ssr.length} bytes`);

const out = '../vendor/echarts/echarts.custom.min.js';
const code = await bundle('entry.js', out);
const br = brotliCompressSync(Buffer.from(code), {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 11,
    [constants.BROTLI_PARAM_LGWIN]: 24,
    [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
  },
});
writeFileSync(out + '.br', br);
console.log(`${out}: ${code.length} bytes, ${br.length} with brotli`);
