/**
 * Bundles the task pane (src/taskpane) for Office. The task pane arrives with its own issue; until
 * then there is no browser code to bundle and this configuration only names where it will go.
 */
const path = require('path');

module.exports = {
  mode: 'production',
  entry: {},
  output: { path: path.resolve(__dirname, 'dist', 'taskpane'), clean: true },
  resolve: { extensions: ['.ts', '.tsx', '.js'] },
};
