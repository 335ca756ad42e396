// Warn two minutes before an idle session ends; any request (page or htmx) restarts the clock.
(function () {
  "use strict";
  const seconds = Number(document.body.dataset.sessionSeconds || 0);
  const warning = document.getElementById("session-warning");
  if (!seconds || !warning) return;
  let timer = null;
  function restart() {
    warning.hidden = true;
    clearTimeout(timer);
    timer = setTimeout(function () { warning.hidden = false; }, Math.max(0, seconds - 120) * 1000);
  }
  document.body.addEventListener("htmx:afterRequest", restart);
  restart();
})();

// A form on a live case file replaces the file in place (htmx). Keyboard and screen-reader users
// must not be dropped at the top of the page: focus goes to the first field with an error, or
// else back to the heading of the section the form was in.
(function () {
  "use strict";
  let section = null;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    const form = event.detail.elt.closest ? event.detail.elt.closest(".live-file section[id]") : null;
    section = form ? form.id : null;
  });
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (!section || !event.detail.target.classList.contains("live-file")) return;
    const where = document.getElementById(section);
    section = null;
    if (!where) return;
    const invalid = where.querySelector(
      ".has-error input, .has-error select, .has-error textarea, form .error[role='alert']"
    );
    if (invalid) {
      const details = invalid.closest("details");
      if (details) details.open = true;
      if (invalid.getAttribute("role") === "alert") invalid.setAttribute("tabindex", "-1");
      invalid.focus();
      return;
    }
    const heading = where.querySelector("h2");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  });
  // Any refusal other than a form sent back with errors (400) shows the error page's text in
  // place of the page, as a full page load would.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    const status = event.detail.xhr.status;
    if (status <= 400 || !event.detail.target.classList.contains("live-file")) return;
    event.detail.target = document.getElementById("main");
    event.detail.selectOverride = "#main";
  });
})();

// A table wider than the screen scrolls inside its box. Keyboard users must be able to scroll it
// too, so a box that overflows becomes a named, focusable region (and stops being one when the
// window grows again: no needless tab stops on a laptop).
(function () {
  "use strict";
  function nameOf(box) {
    const caption = box.querySelector("caption");
    if (caption) return caption.textContent.trim();
    const section = box.closest("section");
    const heading = section ? section.querySelector("h2, h3") : null;
    return heading ? heading.textContent.trim() : document.title;
  }
  function mark() {
    document.querySelectorAll(".table-wrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", nameOf(box));
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
  document.body.addEventListener("htmx:afterSettle", mark);
})();

// Every form that changes something carries a key made when the form is shown. Sent twice (a
// double click, a retry after an answer that never came), the server answers the first sending
// again instead of making the change twice (palermo/api/idempotency.py).
(function () {
  "use strict";
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  function keyForms(root) {
    const forms = root.matches && root.matches("form") ? [root] : root.querySelectorAll("form");
    forms.forEach(function (form) {
      if ((form.getAttribute("method") || "").toLowerCase() !== "post") return;
      if (form.querySelector("input[name='submission_key']")) return;
      const input = document.createElement("input");
      input.type = "hidden";
      input.name = "submission_key";
      input.value = newKey();
      form.appendChild(input);
    });
  }
  keyForms(document);
  document.body.addEventListener("htmx:load", function (event) { keyForms(event.detail.elt); });
})();

// The screening form's progress: an indicator counts as answered once one of its answers is
// chosen; the total and each dimension's count follow as answers are given. "Next dimension"
// opens the next section (it is a <details>) and closes this one.
(function () {
  "use strict";
  function update(form) {
    let answered = 0;
    form.querySelectorAll("details.dimension").forEach(function (section) {
      const done = section.querySelectorAll("fieldset.indicator[data-answered]").length;
      answered += done;
      const count = section.querySelector("[data-dimension-count]");
      if (count) count.textContent = done + "/" + count.getAttribute("data-total");
    });
    const total = form.querySelector("[data-answered-count]");
    if (total) total.textContent = String(answered);
    const bar = form.querySelector("progress");
    if (bar) bar.value = answered;
  }
  document.addEventListener("change", function (event) {
    const form = event.target.closest("form[data-screening-progress]");
    const fieldset = event.target.closest("fieldset.indicator");
    if (!form || !fieldset) return;
    fieldset.setAttribute("data-answered", "");
    update(form);
  });
  document.addEventListener("click", function (event) {
    const link = event.target.closest("a[data-open-next]");
    if (!link) return;
    const next = document.querySelector(link.getAttribute("href"));
    if (!next) return;
    event.preventDefault();
    link.closest("details").open = false;
    next.open = true;
    next.scrollIntoView();
    const summary = next.querySelector("summary");
    if (summary) summary.focus();
  });
})();

// The case file's folded sections: a link to a section (#services) opens it, and a section
// stays as the person left it, open or folded, when htmx swaps the file in after a change.
(function () {
  "use strict";
  function openTarget() {
    if (!location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    const fold = target ? (target.querySelector("details.fold") || target.closest("details")) : null;
    if (fold) fold.open = true;
  }
  openTarget();
  window.addEventListener("hashchange", openTarget);
  let openBefore = null;
  document.body.addEventListener("htmx:beforeRequest", function () {
    const file = document.getElementById("case-file");
    if (!file) return;
    openBefore = Array.from(file.querySelectorAll("section.case-section")).map(function (section) {
      const fold = section.querySelector("details.fold");
      return [section.id, fold ? fold.open : false];
    });
  });
  document.body.addEventListener("htmx:afterSettle", function () {
    if (!openBefore) return;
    openBefore.forEach(function (pair) {
      const section = document.getElementById(pair[0]);
      const fold = section ? section.querySelector("details.fold") : null;
      if (fold && pair[1]) fold.open = true;
    });
    openBefore = null;
  });
})();
