/*
 * Loaded before office.js on the pages that load it (taskpane.html, commands.html).
 *
 * Three seconds after it loads, office.js makes a hidden frame to Microsoft's telemetry service
 * (its ULS logger, in Office's own scripts, which keep it in a global `Logger`). PlanCheck sends
 * nothing anywhere: the pane's Content-Security-Policy blocks that frame, and this script stops
 * office.js from trying, so no blocked request and no policy error appears in the pane's console.
 * Plain script, no imports: it must run before office.js, and the policy allows only files of our own.
 */
/* global window */
(function () {
  'use strict';
  var nothing = function () {};
  var endpoint = null;
  var logger = {};
  Object.defineProperty(logger, 'ulsEndpoint', {
    configurable: true,
    enumerable: true,
    get: function () {
      return endpoint;
    },
    set: function (value) {
      if (value && typeof value === 'object') {
        value.loadProxyFrame = nothing;
        value.writeLog = nothing;
      }
      endpoint = value;
    },
  });
  window.Logger = logger;
})();
