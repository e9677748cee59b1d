// Sort any table.sortable by the column whose header is clicked: numbers as
// numbers, text as text; a second click reverses.
var sortable = document.querySelectorAll("table.sortable");
// Says that the script ran, for the browser check (tools/report-check.sh).
document.documentElement.setAttribute("data-sortable-tables", String(sortable.length));
sortable.forEach(function (table) {
  table.querySelectorAll("th").forEach(function (header, column) {
    header.addEventListener("click", function () {
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) {
        var text = row.cells[column].textContent.trim();
        var number = parseFloat(text);
        return isNaN(number) || !/^[\d.,-]+$/.test(text) ? text.toLowerCase() : number;
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
});
