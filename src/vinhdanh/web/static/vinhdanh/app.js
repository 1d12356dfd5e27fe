// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("change", (event) => {
  const el = event.target;
  if (el instanceof HTMLSelectElement && el.dataset.autosubmit !== undefined && el.form) {
    el.form.submit();
  }
});

// The unit picker (orgs/interfaces/pickers.py): a search box above a <select>. Without
// JavaScript the box stays hidden and the select (with optgroups) works on its own.
(() => {
  const text = (node, value) => { node.textContent = value; return node; };

  const fill = (select, results, emptyLabel) => {
    const previous = select.value;
    select.replaceChildren();
    const placeholder = text(document.createElement("option"), emptyLabel);
    placeholder.value = "";
    select.append(placeholder);
    const groups = new Map();
    for (const r of results) {
      const option = text(document.createElement("option"), r.label);
      option.value = String(r.id);
      let parent = select;
      if (r.group) {
        if (!groups.has(r.group)) {
          const og = document.createElement("optgroup");
          og.label = r.group;
          groups.set(r.group, og);
          select.append(og);
        }
        parent = groups.get(r.group);
      }
      parent.append(option);
    }
    const keep = results.some((r) => String(r.id) === previous);
    select.value = keep ? previous : results.length === 1 ? String(results[0].id) : "";
    if (select.value !== previous) {
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }
  };

  const setup = (picker) => {
    if (picker.dataset.ready) return;
    picker.dataset.ready = "1";
    const input = picker.querySelector(".unit-picker-search");
    const select = picker.querySelector("select");
    const status = picker.querySelector(".unit-picker-status");
    if (!input || !select || !picker.dataset.url) return;
    input.hidden = false;
    const original = select.cloneNode(true);
    const emptyLabel = select.options.length && select.options[0].value === "" ? select.options[0].textContent : "—";
    let timer = null;
    let serial = 0;
    // Typing in the box is not a change of the form: the select's own change is.
    input.addEventListener("change", (event) => event.stopPropagation());
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); select.focus(); }
    });
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const q = input.value.trim();
        const mine = ++serial;
        if (!q) {
          const value = select.value;
          select.replaceChildren(...Array.from(original.cloneNode(true).childNodes));
          select.value = value;
          status.hidden = true;
          return;
        }
        const url = `${picker.dataset.url}&q=${encodeURIComponent(q)}`;
        const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
        if (!response.ok || mine !== serial) return;
        const data = await response.json();
        fill(select, data.results, emptyLabel);
        status.hidden = false;
        status.textContent = (data.results.length ? picker.dataset.found : picker.dataset.none)
          .replace("%(n)s", String(data.results.length) + (data.more ? "+" : ""));
      }, 200);
    });
  };

  const scan = (root) => root.querySelectorAll("[data-unit-picker]").forEach(setup);
  document.addEventListener("DOMContentLoaded", () => scan(document));
  document.addEventListener("htmx:afterSettle", (event) => scan(event.target));
})();

// File inputs (common/widgets.py FileInput): the native control is visually hidden so the
// browser's own "Choose File / No file chosen" never shows; write the chosen name beside the
// Vietnamese button. Without JavaScript the button (a label) still opens the picker.
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || input.type !== "file") return;
  const name = input.closest(".file-pick")?.querySelector(".file-pick-name");
  if (!name) return;
  const files = Array.from(input.files || [], (f) => f.name);
  name.textContent = files.length ? files.join(", ") : name.dataset.empty || "";
});
