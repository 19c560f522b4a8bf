// acmap site: the search box, the portfolio table's sorting and filters. Hand-written, no
// framework; text from the maps is only ever set as textContent, links only from the index
// acmap generated (relative pages named from validated ids).
(function () {
  "use strict";
  var root = document.body.getAttribute("data-root") || "";

  // ---- search -------------------------------------------------------------------------
  var box = document.getElementById("SearchBox");
  var list = document.getElementById("SearchResults");
  var loading = false;

  function loadIndex(then) {
    if (window.acmapSearch) { then(); return; }
    if (loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = root + "assets/search-index.js";  // a file:// page cannot fetch JSON
    script.onload = then;
    document.head.appendChild(script);
  }

  function search() {
    var words = box.value.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length || !window.acmapSearch) return;
    var found = 0;
    for (var i = 0; i < window.acmapSearch.length && found < 20; i++) {
      var entry = window.acmapSearch[i];
      var hay = (entry[0] + " " + entry[1]).toLowerCase();
      if (!words.every(function (w) { return hay.indexOf(w) >= 0; })) continue;
      found++;
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + entry[2];
      link.textContent = entry[0];
      var detail = document.createElement("span");
      detail.className = "detail";
      detail.textContent = entry[1];
      item.appendChild(link);
      item.appendChild(detail);
      list.appendChild(item);
    }
    if (!found) {
      var none = document.createElement("li");
      none.textContent = "Nothing found";
      list.appendChild(none);
    }
  }

  if (box && list) {
    box.addEventListener("focus", function () { loadIndex(function () {}); });
    box.addEventListener("input", function () { loadIndex(search); });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { box.value = ""; list.textContent = ""; }
    });
  }

  // ---- the portfolio table --------------------------------------------------------------
  var table = document.getElementById("Portfolio");
  if (!table) return;
  var body = table.tBodies[0];
  var heads = table.tHead.rows[0].cells;

  function value(row, column, numeric) {
    var text = row.cells[column].getAttribute("data-value") || "";
    return numeric ? parseFloat(text) || 0 : text.toLowerCase();
  }

  function sortBy(column) {
    var head = heads[column];
    var numeric = head.getAttribute("data-type") === "number";
    var ascending = head.getAttribute("aria-sort") !== "ascending";
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = value(a, column, numeric), y = value(b, column, numeric);
      var order = x < y ? -1 : x > y ? 1 : 0;
      return ascending ? order : -order;
    });
    for (var i = 0; i < heads.length; i++) heads[i].removeAttribute("aria-sort");
    head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var fragment = document.createDocumentFragment();
    rows.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }

  Array.prototype.forEach.call(heads, function (head, column) {
    var button = head.querySelector("button");
    if (button) button.addEventListener("click", function () { sortBy(column); });
  });

  var filters = document.querySelectorAll("select[data-filter]");
  var shown = document.getElementById("Shown");

  function filter() {
    var wanted = {};
    Array.prototype.forEach.call(filters, function (select) {
      if (select.value) wanted[select.getAttribute("data-filter")] = select.value;
    });
    var count = 0;
    Array.prototype.forEach.call(body.rows, function (row) {
      var keep = Object.keys(wanted).every(function (key) {
        return row.getAttribute("data-" + key) === wanted[key];
      });
      row.hidden = !keep;
      if (keep) count++;
    });
    if (shown) shown.textContent = count + " of " + body.rows.length + " shown";
  }

  Array.prototype.forEach.call(filters, function (select) {
    select.addEventListener("change", filter);
  });
})();
