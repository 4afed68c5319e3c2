// Help for forms, as progressive enhancement: every form works without it.
// - A form that came back with errors: focus moves to its error summary, so a screen reader reads
//   it and the keyboard starts there; a link in the summary moves focus to its field (GOV.UK's way).
// - Tables in forms: a button adds an empty row and each row gets a button that removes it, so a row
//   can be added without sending the form (without script the form offers spare rows).
// - Dates: a "to" date's earliest allowed day follows its "from" date (data-after="<id of from>").
(function () {
  "use strict";

  function focusSummary() {
    var summary = document.querySelector(".error-summary");
    if (!summary) { return; }
    summary.setAttribute("tabindex", "-1");
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) { return; }
      var target = document.getElementById(link.getAttribute("href").substring(1));
      if (!target) { return; }
      var field = target.matches("input, select, textarea") ? target : target.querySelector("input:not([type=hidden]), select, textarea");
      if (!field) { return; }
      event.preventDefault();
      var label = field.id ? document.querySelector("label[for='" + field.id + "']") : null;
      var legend = target.closest("fieldset") ? target.closest("fieldset").querySelector("legend") : null;
      (label || legend || field).scrollIntoView();
      field.focus({ preventScroll: true });
    });
  }

  function text(table, name) {
    return table.getAttribute("data-" + name) || "";
  }

  function renumber(table) {
    var rows = table.tBodies[0].rows;
    for (var i = 0; i < rows.length; i++) {
      rows[i].querySelector(".row-number").textContent = String(i + 1);
      var remove = rows[i].querySelector("button.remove-row");
      if (remove) { remove.textContent = text(table, "remove").replace("{0}", String(i + 1)); }
    }
    var add = table.parentNode.querySelector("button.add-row");
    if (add) { add.hidden = rows.length >= Number(text(table, "max-rows")); }
  }

  function addRemoveButton(table, row) {
    var cell = document.createElement("td");
    cell.className = "row-action";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "remove-row";
    button.addEventListener("click", function () {
      var body = table.tBodies[0];
      var next = row.nextElementSibling || row.previousElementSibling;
      if (body.rows.length > 1) {
        body.removeChild(row);
      } else {
        row.querySelectorAll("input").forEach(function (input) { input.value = ""; });
      }
      renumber(table);
      var focus = next && next.parentNode ? next.querySelector("input") : body.rows[0].querySelector("input");
      if (focus) { focus.focus(); }
    });
    cell.appendChild(button);
    row.appendChild(cell);
  }

  function enhanceTable(table) {
    var body = table.tBodies[0];
    if (!body || body.rows.length === 0) { return; }
    var head = table.tHead.rows[0];
    var actions = document.createElement("th");
    actions.scope = "col";
    actions.innerHTML = "<span class=\"visually-hidden\"></span>";
    actions.firstChild.textContent = text(table, "actions");
    head.appendChild(actions);
    Array.prototype.forEach.call(body.rows, function (row) { addRemoveButton(table, row); });
    var add = document.createElement("button");
    add.type = "button";
    add.className = "add-row";
    add.textContent = text(table, "add");
    add.addEventListener("click", function () {
      var rows = body.rows;
      var last = rows[rows.length - 1];
      var row = last.cloneNode(true);
      var next = 0;
      table.querySelectorAll("input[name]").forEach(function (input) {
        var index = Number(input.name.split(".")[2]);
        if (index >= next) { next = index + 1; }
      });
      row.querySelectorAll(".field-error").forEach(function (error) { error.parentNode.removeChild(error); });
      row.querySelectorAll("td.has-error").forEach(function (cell) { cell.classList.remove("has-error"); });
      row.querySelectorAll("input").forEach(function (input) {
        var parts = input.name.split(".");
        parts[2] = String(next);
        input.name = parts.join(".");
        input.value = "";
        input.checked = false;
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
        if (input.id) { input.id = input.id.replace(/-\d+-([A-Za-z0-9_]+)$/, "-" + next + "-$1"); }
        if (input.hasAttribute("data-after")) {
          input.setAttribute("data-after", input.getAttribute("data-after").replace(/-\d+-([A-Za-z0-9_]+)$/, "-" + next + "-$1"));
          input.removeAttribute("min");
        }
      });
      var header = row.cells[0];
      header.id = header.id ? header.id.replace(/-\d+$/, "-" + next) : header.id;
      row.querySelectorAll("input[aria-labelledby]").forEach(function (input) {
        input.setAttribute("aria-labelledby", input.getAttribute("aria-labelledby").replace(/^\S+/, header.id));
      });
      row.removeChild(row.lastElementChild);
      addRemoveButton(table, row);
      body.appendChild(row);
      row.querySelectorAll("input[type=date][data-after]").forEach(follow);
      renumber(table);
      row.querySelector("input").focus();
    });
    table.parentNode.insertBefore(add, table.nextSibling);
    renumber(table);
  }

  function follow(to) {
    var from = document.getElementById(to.getAttribute("data-after"));
    if (!from) { return; }
    function update() { // the page's own min is the start as it was sent; from here on it follows the field
      if (from.value) { to.min = from.value; } else { to.removeAttribute("min"); }
    }
    from.addEventListener("change", update);
    from.addEventListener("input", update);
    update();
  }

  function start() {
    focusSummary();
    document.querySelectorAll("table.grid[data-add]").forEach(enhanceTable);
    document.querySelectorAll("input[type=date][data-after]").forEach(follow);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
