// The SPA fallback as a CloudFront Function (viewer request) on the site's default
// behaviour only. A navigation to an app path with no file extension ("/", "/outfits")
// gets index.html; files keep their path, so a missing one is a real miss. It is not a
// distribution-wide error page: those would answer a 404 or 403 from /api/* with
// index.html and 200, so a client would parse HTML as the catalog's JSON. /api/* is a
// behaviour of its own without this function, and the function leaves /api alone too.
export const SPA_FALLBACK_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri === "/api" || uri.indexOf("/api/") === 0) return request;
  var last = uri.substring(uri.lastIndexOf("/") + 1);
  if (last.indexOf(".") === -1) request.uri = "/index.html";
  return request;
}`;
