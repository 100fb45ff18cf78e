// Mounts GraphiQL on the hub's GraphQL endpoint. A file of its own, not an inline
// script, so that the page's Content-Security-Policy can refuse every inline script.
(function () {
  "use strict";
  var root = document.getElementById("graphiql");
  var endpoint = root.getAttribute("data-endpoint") || "/graphql";
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: GraphiQL.createFetcher({
        url: new URL(endpoint, window.location.origin).toString(),
        fetch: function (url, options) {
          return fetch(url, Object.assign({}, options, { credentials: "same-origin" }));
        },
      }),
      defaultEditorToolsVisibility: true,
    })
  );
})();
