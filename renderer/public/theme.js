/* global window, document, localStorage */
// The theme, applied before the first paint: `warroom serve` draws the first screen into the
// HTML, which shows before the console's script runs. The responder's choice (saved by
// ThemeToggle.tsx under the same key) wins; otherwise the system's, followed as it changes.
// A classic script, loaded from the page's own origin (the CSP allows no inline script).
(function () {
  var STORAGE_KEY = 'warroom.theme';
  var systemLight = window.matchMedia('(prefers-color-scheme: light)');
  function saved() {
    try {
      var value = localStorage.getItem(STORAGE_KEY);
      return value === 'light' || value === 'dark' ? value : null;
    } catch (e) {
      return null;
    }
  }
  function apply() {
    document.documentElement.dataset.theme = saved() || (systemLight.matches ? 'light' : 'dark');
  }
  apply();
  systemLight.addEventListener('change', apply);
})();
