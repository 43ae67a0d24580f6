// The report's one script, inlined: filters the findings by severity, id and text, and
// hides resources left with nothing to show.
export const SCRIPT = `
(function () {
  var root = document.getElementById('findings');
  if (!root) return;
  var boxes = root.querySelectorAll('input[data-filter-severity]');
  var idSelect = root.querySelector('#filter-id');
  var text = root.querySelector('#filter-text');
  var shown = root.querySelector('#shown-count');
  function apply() {
    var severities = {};
    boxes.forEach(function (box) { severities[box.getAttribute('data-filter-severity')] = box.checked; });
    var id = idSelect.value;
    var needle = text.value.trim().toLowerCase();
    var count = 0;
    root.querySelectorAll('.finding').forEach(function (item) {
      var visible = severities[item.getAttribute('data-severity')] &&
        (!id || item.getAttribute('data-id') === id) &&
        (!needle || item.textContent.toLowerCase().indexOf(needle) !== -1 || item.closest('.resource').querySelector('summary').textContent.toLowerCase().indexOf(needle) !== -1);
      item.classList.toggle('hidden', !visible);
      if (visible) count++;
    });
    root.querySelectorAll('.resource, .severity-group').forEach(function (group) {
      group.classList.toggle('hidden', !group.querySelector('.finding:not(.hidden)'));
    });
    shown.textContent = String(count);
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  idSelect.addEventListener('change', apply);
  text.addEventListener('input', apply);
  apply();
})();
`;
