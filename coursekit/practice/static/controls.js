// The course's answer controls (coursekit/practice/controls.py), rendered by anywidget.
// "choice": a real radio group, native radios with one name per group (the browser gives
//   roving focus: Tab enters once, on the checked or first option; arrows move and select).
// "pressed": two or three buttons whose chosen one has aria-pressed="true" and a ✓ mark.
// "status": a polite live region that exists from the start; only its content changes.
// The kernel checks every answer: a control holds only option texts, ids and the choice.
let made = 0;

// The group's accessible name: the question (aria-label), or a caption shown above the
// options that names the group (aria-labelledby).
function nameGroup(model, el, group) {
  let caption = el.querySelector(":scope > .coursekit-caption");
  if (model.get("show_label")) {
    if (!caption) {
      caption = document.createElement("p");
      caption.className = "coursekit-caption";
      caption.id = `coursekit-caption-${++made}`;
      el.insertBefore(caption, group);
    }
    caption.textContent = model.get("label");
    group.setAttribute("aria-labelledby", caption.id);
    group.removeAttribute("aria-label");
  } else {
    group.setAttribute("aria-label", model.get("label"));
  }
}

// The learner's choice goes to the kernel as a message of its own, not as a state change:
// ipywidgets holds a model's state change back while its previous one is unanswered, so a
// second choice made quickly (Space, then an arrow key) reached the kernel after the click
// on "Controleer", a widget of its own, and the first choice was checked. Messages keep
// their order; the kernel sets the value and the page hears it back.
function choose(model, value) {
  model.set("value", value);
  model.send({ do: "choose", value });
}

function focusFirst(root) {
  const target =
    root.querySelector("input:checked:not(:disabled)") ||
    root.querySelector("input:not(:disabled), button:not(:disabled)");
  if (target) target.focus();
}

function choice(model, el) {
  const group = document.createElement("div");
  group.className = "coursekit-choice";
  group.setAttribute("role", "radiogroup");
  const name = `coursekit-choice-${++made}-${Math.random().toString(36).slice(2, 8)}`;
  el.appendChild(group);
  const draw = () => {
    nameGroup(model, el, group);
    group.replaceChildren();
    const disabled = model.get("disabled");
    for (const [text, value] of model.get("options")) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = value;
      input.checked = value === model.get("value");
      input.disabled = disabled;
      input.addEventListener("change", () => {
        if (input.checked && !model.get("disabled")) choose(model, value);
      });
      // The radio is named by its text (aria-labelledby); the text itself is hidden from
      // the accessibility tree, so a screen reader reads each answer once, not twice.
      const span = document.createElement("span");
      span.id = `${name}-${value}`;
      span.textContent = text;
      span.setAttribute("aria-hidden", "true");
      input.setAttribute("aria-labelledby", span.id);
      label.append(input, span);
      group.appendChild(label);
    }
    disable();
  };
  const check = () => {
    for (const input of group.querySelectorAll("input")) {
      input.checked = input.value === model.get("value");
    }
  };
  const disable = () => {
    const disabled = model.get("disabled");
    for (const input of group.querySelectorAll("input")) input.disabled = disabled;
    if (disabled) group.setAttribute("aria-disabled", "true");
    else group.removeAttribute("aria-disabled");
  };
  draw();
  model.on("change:options", draw);
  model.on("change:label", draw);
  model.on("change:value", check);
  model.on("change:disabled", disable);
  return group;
}

function pressed(model, el) {
  const group = document.createElement("div");
  group.className = "coursekit-pressed";
  group.setAttribute("role", "group");
  el.appendChild(group);
  const buttons = [];
  const show = () => {
    const chosen = model.get("value");
    const disabled = model.get("disabled");
    for (const button of buttons) {
      const on = button.dataset.value === chosen;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.disabled = disabled;
      if (disabled) button.setAttribute("aria-disabled", "true");
      else button.removeAttribute("aria-disabled");
    }
  };
  const draw = () => {
    nameGroup(model, el, group);
    group.replaceChildren();
    buttons.length = 0;
    for (const [text, value] of model.get("options")) {
      const button = document.createElement("button");
      button.type = "button";
      button.dataset.value = value;
      const mark = document.createElement("span");
      mark.className = "coursekit-mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "✓";
      const words = document.createElement("span");
      words.textContent = text;
      button.append(mark, words);
      button.addEventListener("click", () => {
        if (model.get("disabled")) return;
        choose(model, value);
        show();
      });
      buttons.push(button);
      group.appendChild(button);
    }
    show();
  };
  draw();
  model.on("change:options", draw);
  model.on("change:label", draw);
  model.on("change:value", show);
  model.on("change:disabled", show);
  return group;
}

function reveal(el, selector, tries = 60) {
  // The transcript that holds the target is another widget: wait for it to arrive.
  const quiz = el.closest(".coursekit-quiz") || document;
  const found = quiz.querySelectorAll(selector);
  if (!found.length) {
    if (tries > 0) requestAnimationFrame(() => reveal(el, selector, tries - 1));
    return;
  }
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  found[found.length - 1].scrollIntoView({ block: "nearest", behavior: still ? "auto" : "smooth" });
}

// What a screen reader hears of feedback HTML: each block's words, in order, one string.
function spoken(html) {
  const holder = document.createElement("template");
  holder.innerHTML = html;
  const blocks = holder.content.querySelectorAll("p, li, blockquote, h3, h4");
  const parts = blocks.length
    ? Array.from(blocks, (block) => block.textContent)
    : [holder.content.textContent];
  return parts.map((part) => part.replace(/\s+/g, " ").trim()).filter(Boolean).join(" ");
}

// The region holds the feedback as one plain string, changed at once, so a screen reader
// announces it once, verdict first. (Orca, given the formatted feedback itself, spoke each
// bold part and paragraph as it arrived, in a different order each time, and some twice,
// also with aria-atomic.) The formatted feedback is shown beside it and hidden from the
// accessibility tree, as GOV.UK's character count does; with hidden_visually only the
// region is there. The region is emptied first and filled in the next frame, so that the
// same feedback twice (the same wrong answer checked again) is announced again.
function status(model, el) {
  let shown = null;
  if (!model.get("hidden_visually")) {
    shown = document.createElement("div");
    shown.className = "coursekit-live-shown";
    shown.setAttribute("aria-hidden", "true");
    el.appendChild(shown);
  }
  const region = document.createElement("div");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  region.className = "coursekit-live coursekit-visually-hidden";
  el.appendChild(region);
  let pending = 0;
  const update = () => {
    const html = model.get("value");
    if (shown) shown.innerHTML = html;
    const text = spoken(html);
    cancelAnimationFrame(pending);
    region.textContent = "";
    if (text) pending = requestAnimationFrame(() => { region.textContent = text; });
    const selector = model.get("reveal");
    if (selector && html) requestAnimationFrame(() => reveal(el, selector));
  };
  update();
  model.on("change:value", update);
  return region;
}

const KINDS = { choice, pressed, status };

export default {
  render({ model, el }) {
    el.classList.add("coursekit-control");
    const root = KINDS[model.get("kind")](model, el);
    const onMessage = (message) => {
      if (message && message.do === "focus") focusFirst(root);
    };
    model.on("msg:custom", onMessage);
    return () => model.off("msg:custom", onMessage);
  },
};
