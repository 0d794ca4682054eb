/**
 * Bundles the task pane (src/taskpane) into dist/taskpane: taskpane.html with its scripts, the
 * icons, the help page and, when ADDIN_ORIGIN is set, the manifest with its URLs. Only
 * dist/taskpane is cleaned: the CLI build in dist/cli stays.
 *
 *   npm run build:pane                     production bundle
 *   ADDIN_ORIGIN=https://… npm run build   also dist/taskpane/manifest.xml for that origin
 *   npm start                              development server on https://localhost:3000
 */
const fs = require('node:fs');
const path = require('node:path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const { buildManifest, DEV_ORIGIN } = require('./scripts/manifest');

const PANE = path.resolve(__dirname, 'src', 'taskpane');
const OUT = path.resolve(__dirname, 'dist', 'taskpane');

/** Emits the icons, the help page and the manifest. */
class PaneFilesPlugin {
  constructor(origin) {
    this.origin = origin;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('PaneFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'PaneFilesPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        const emit = (name, buf) => compilation.emitAsset(name, new webpack.sources.RawSource(buf));
        for (const f of fs.readdirSync(path.join(PANE, 'assets'))) emit(`assets/${f}`, fs.readFileSync(path.join(PANE, 'assets', f)));
        emit('support.html', fs.readFileSync(path.join(PANE, 'support.html')));
        if (this.origin) emit('manifest.xml', Buffer.from(buildManifest(fs.readFileSync(path.join(__dirname, 'manifest.xml'), 'utf8'), this.origin)));
      });
    });
  }
}

module.exports = (env, argv) => {
  const dev = argv.mode === 'development';
  const origin = process.env.ADDIN_ORIGIN || (dev ? DEV_ORIGIN : undefined);
  if (!dev && !origin) console.log('ADDIN_ORIGIN is not set: dist/taskpane gets no manifest.xml (set it to the https address the pane is hosted at).');
  return {
    mode: dev ? 'development' : 'production',
    devtool: dev ? 'eval-source-map' : false,
    entry: { taskpane: path.join(PANE, 'index.tsx') },
    output: {
      path: OUT,
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      publicPath: '',
      // Only dist/taskpane: never the CLI build beside it.
      clean: true,
    },
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          // Types are checked by `tsc -p tsconfig.taskpane.json` (npm run build:pane).
          use: { loader: 'ts-loader', options: { configFile: 'tsconfig.taskpane.json', transpileOnly: true, compilerOptions: { noEmit: false } } },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({ template: path.join(PANE, 'taskpane.html'), filename: 'taskpane.html', chunks: ['taskpane'], scriptLoading: 'defer' }),
      new PaneFilesPlugin(origin),
    ],
    performance: { hints: false },
    devServer: {
      port: 3000,
      host: 'localhost',
      headers: { 'Access-Control-Allow-Origin': '*' },
      static: false,
      server: dev ? { type: 'https', options: require('./scripts/dev-certs').httpsOptions() } : undefined,
      client: { overlay: { warnings: false } },
    },
  };
};
