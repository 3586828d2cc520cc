// Runs before the first paint (a blocking script in index.html's <head>; the CSP allows
// same-origin scripts only, so it cannot be inline): applies the theme chosen in
// Settings → Appearance, so a dark choice never flashes light. "system" (or nothing
// stored) leaves it to prefers-color-scheme. Kept in step with src/app/pwa/theme.ts.
(function () {
  var colours = { light: "#1f2a44", dark: "#1a2235" };
  var choice = null;
  try {
    choice = localStorage.getItem("curator:theme");
  } catch (e) {
    /* storage blocked: follow the system */
  }
  if (choice !== "light" && choice !== "dark") return;
  document.documentElement.setAttribute("data-theme", choice);
  var metas = document.querySelectorAll('meta[name="theme-color"]');
  for (var i = 0; i < metas.length; i++) metas[i].setAttribute("content", colours[choice]);
})();
