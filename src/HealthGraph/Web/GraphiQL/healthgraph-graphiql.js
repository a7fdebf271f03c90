// Starts GraphiQL on HealthGraph's /graphql page. It is a file of its own, not an inline script, so the page's
// Content-Security-Policy can allow only scripts served by HealthGraph itself. The page passes its settings in a
// JSON block (#healthgraph-graphiql-config) and runs this script last, after React, ReactDOM and GraphiQL.
(function () {
  'use strict';

  var config = JSON.parse(document.getElementById('healthgraph-graphiql-config').textContent);

  // Radix UI (GraphiQL's dialogs) adds a <style> element when a dialog opens; it takes its nonce from this
  // global, so the CSP can allow exactly that style and no other inline one.
  window.__webpack_nonce__ = document.currentScript.nonce;

  var fetcher = GraphiQL.createFetcher({
    url: config.url,
    headers: { Accept: 'application/graphql-response+json, application/json;q=0.9' },
    // HealthGraph answers with one JSON result; it does not stream @defer/@stream parts.
    enableIncrementalDelivery: false,
  });

  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: config.defaultQuery }),
  );
})();
