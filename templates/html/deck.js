/* Deck player: navigation, scaling, overview, presenter view and print-with-notes.
   No network access of any kind; works from file://. */
(function () {
  "use strict";

  var root = document.documentElement;
  var deck = document.getElementById("deck");
  if (!deck) return;
  root.classList.remove("no-js");
  root.classList.add("js");

  var params = new URLSearchParams(window.location.search);
  if (params.get("steps") === "pages") expandSteps();
  var slides = Array.prototype.slice.call(deck.children).filter(function (el) {
    return el.classList.contains("slide");
  });
  var PX_PER_PT = 4 / 3;
  var stageW = parseFloat(deck.getAttribute("data-width")) * PX_PER_PT;
  var stageH = parseFloat(deck.getAttribute("data-height")) * PX_PER_PT;
  var presenterMode = params.has("presenter");
  var current = -1;
  var step = 0; // clicks shown on the current slide (see "click-to-reveal" below)
  var allSteps = params.get("steps") === "all";
  var nextCopy = null; // the presenter's "next step": a copy of the current slide one click on
  var overview = false;
  var reading = false; // the reading view (see "the reading view" below)
  var peer = null; // the other window: the presenter popup, or the audience window that opened us
  var channel = null;
  var progress = document.querySelector(".progress__bar");
  var status = document.querySelector(".sr-status");
  var presenter = document.querySelector(".presenter");
  var help = document.getElementById("deck-help");
  var helpOpener = null; // what had the focus before the help opened; it gets it back on close
  var backdrop = document.querySelector(".backdrop");
  var controls = document.querySelector(".controls");
  var counter = document.querySelector(".controls__counter");
  var MESSAGE = "deck:goto";
  var deckId = window.location.pathname;

  if (params.has("notes")) root.classList.add("print-notes");

  // -- scaling: the stage keeps its size in pt; a transform fits it into a rectangle -----------
  function place(slide, rect, top) {
    var scale = Math.min(rect.width / stageW, rect.height / stageH);
    var x = rect.left + (rect.width - stageW * scale) / 2;
    var y = rect.top + (top ? 0 : (rect.height - stageH * scale) / 2);
    slide.style.transform = "translate(" + x + "px," + y + "px) scale(" + scale + ")";
  }

  function windowRect() {
    return { left: 0, top: 0, width: window.innerWidth, height: window.innerHeight };
  }

  // The control bar never covers the slide: it sits in the letterbox beside or under the slide
  // when there is room for it (beside: standing on end), else the slide gives up a strip for
  // it, along whichever edge costs the slide least. In full screen the bar is hidden.
  var BAR_ROOM = 76; // the bar's 52 px and a 12 px margin on either side
  var rtl = root.getAttribute("dir") === "rtl";
  function stageRect() {
    var rect = windowRect();
    if (!controls) return rect;
    controls.classList.remove("controls--side");
    if (document.fullscreenElement || getComputedStyle(controls).display === "none") {
      return rect;
    }
    var scale = function (w, h) { return Math.min(w / stageW, h / stageH); };
    var full = scale(rect.width, rect.height);
    var under = scale(rect.width, rect.height - BAR_ROOM);
    var beside = scale(rect.width - BAR_ROOM, rect.height);
    var side = (rect.width - stageW * full) / 2;
    if (under >= full) return { left: 0, top: 0, width: rect.width, height: rect.height - BAR_ROOM };
    controls.classList.toggle("controls--side", side >= BAR_ROOM || beside > under);
    if (side >= BAR_ROOM) return rect;
    if (under >= beside) return { left: 0, top: 0, width: rect.width, height: rect.height - BAR_ROOM };
    return { left: rtl ? BAR_ROOM : 0, top: 0, width: rect.width - BAR_ROOM, height: rect.height };
  }

  function relayout() {
    if (reading) {
      markScrollable();
      return;
    }
    if (overview) {
      var cols = Math.max(1, Math.floor((window.innerWidth - 48 + 20) / (280 + 20)));
      var width = Math.min(420, (window.innerWidth - 48 - 20 * (cols - 1)) / cols);
      root.style.setProperty("--thumb-width", width + "px");
      root.style.setProperty("--thumb-zoom", String(width / stageW));
      return;
    }
    if (presenterMode) {
      var now = slides[current];
      var next = nextCopy || slides[current + 1];
      var screens = ".presenter__screen--";
      if (now) place(now, presenter.querySelector(screens + "current").getBoundingClientRect(), true);
      if (next) place(next, presenter.querySelector(screens + "next").getBoundingClientRect(), true);
      return;
    }
    if (slides[current]) place(slides[current], stageRect());
  }

  // -- safety net: should a viewer lack the measured font, shrink a frame until it fits --------
  function fitFrames(slide) {
    var frames = slide.querySelectorAll(".frame");
    for (var i = 0; i < frames.length; i++) {
      var frame = frames[i];
      var fit = 1;
      frame.style.removeProperty("--fit");
      while (fit > 0.6 && (frame.scrollHeight > frame.clientHeight + 1 ||
                           frame.scrollWidth > frame.clientWidth + 1)) {
        fit = Math.round((fit - 0.04) * 100) / 100;
        frame.style.setProperty("--fit", String(fit));
      }
      if (fit < 1) frame.setAttribute("data-fitted", String(fit));
      else frame.removeAttribute("data-fitted");
    }
  }

  function fitVisible() {
    if (reading) return;
    slides.forEach(function (slide) {
      if (slide.offsetParent !== null || slide.getClientRects().length) fitFrames(slide);
    });
  }

  // -- click-to-reveal: elements with data-step="k" appear at the k-th click on their slide ----
  function stepsOf(slide) {
    return allSteps || !slide ? 0 : parseInt(slide.getAttribute("data-steps") || "0", 10);
  }

  function showStep(slide, shown) {
    var items = slide.querySelectorAll("[data-step]");
    var all = allSteps ? Infinity : shown;
    for (var i = 0; i < items.length; i++) {
      var k = parseInt(items[i].getAttribute("data-step"), 10);
      items[i].classList.toggle("step-hidden", k > all);
      items[i].classList.toggle("step-past", k < all && !allSteps); // all shown: none dimmed
    }
    if (slide.hasAttribute("data-steps")) slide.setAttribute("data-shown", String(shown));
  }

  // ?steps=pages (the steps PDF): each revealed slide once per step, for printing.
  function expandSteps() {
    root.classList.add("print-steps");
    Array.prototype.slice.call(deck.querySelectorAll(".slide[data-steps]")).forEach(
      function (slide) {
        var count = parseInt(slide.getAttribute("data-steps"), 10);
        for (var k = 0; k < count; k++) {
          var copy = slide.cloneNode(true);
          copy.removeAttribute("id");
          showStep(copy, k);
          deck.insertBefore(copy, slide);
        }
        showStep(slide, count);
      });
  }

  // ?handout=KIND (the handout PDF): A4 pages as the layout planned them for KIND (1, 2, 3,
  // 4, 6 slides a page; 3: beside ruled lines; notes: each slide above its speaker notes,
  // which run on over the next pages when long), on the named page of its orientation: the
  // deck title heads every page and "Page N of M" ends it, in the page's margins.
  var MM = 72 / 25.4; // pt per mm
  function buildHandout(kind) {
    var plans = JSON.parse(deck.getAttribute("data-handouts") || "{}");
    var plan = plans[kind] || plans.notes;
    if (!plan) return;
    var width = parseFloat(deck.getAttribute("data-width"));
    var zoom = plan.slide[0] * MM / width;
    var perPage = plan.columns * plan.rows;
    var all = Array.prototype.slice.call(deck.querySelectorAll(".slide"));
    var handout = document.createElement("div");
    handout.className = "handout";
    root.classList.add("print-handout", "handout-" + (plans[kind] ? kind : "notes"),
                       "handout-" + plan.orientation);
    var count = plan.notes ? all.length : Math.ceil(all.length / perPage);
    for (var p = 0; p < count; p++) {
      var page = document.createElement("article");
      var slides = all.slice(p * perPage, (p + 1) * perPage);
      page.className = plan.notes ? "handout__sheet" : "handout__page";
      page.setAttribute("aria-label", plan.notes ? "Slide " + (p + 1) :
        "Page " + (p + 1) + " of " + count);
      var body = document.createElement("div");
      body.className = "handout__grid";
      if (plan.notes) {
        page.style.minHeight = (plan.content[1] - 1) + "mm"; // ruled lines fill the rest
      } else {
        page.style.height = plan.content[1] + "mm";
        body.style.gridTemplateColumns = "repeat(" + plan.columns + ", minmax(0, 1fr))";
        body.style.gridTemplateRows = "repeat(" + plan.rows + ", minmax(0, 1fr))";
      }
      slides.forEach(function (slide) {
        body.appendChild(handoutItem(slide, plan, zoom));
      });
      page.appendChild(body);
      handout.appendChild(page);
    }
    document.body.appendChild(handout);
  }

  function handoutItem(slide, plan, zoom) {
    var item = document.createElement("div");
    item.className = "handout__item";
    var thumb = document.createElement("div");
    thumb.className = "handout__thumb";
    thumb.style.width = plan.slide[0] + "mm";
    thumb.style.height = plan.slide[1] + "mm";
    var copy = slide.cloneNode(true);
    copy.removeAttribute("id");
    copy.style.zoom = String(zoom);
    var notes = copy.querySelector(".notes");
    if (notes) notes.parentNode.removeChild(notes);
    var toggle = copy.querySelector(".notes-toggle");
    if (toggle) toggle.parentNode.removeChild(toggle);
    Array.prototype.forEach.call(copy.querySelectorAll(".step-hidden, .step-past"), function (el) {
      el.classList.remove("step-hidden", "step-past");
    });
    thumb.appendChild(copy);
    item.appendChild(thumb);
    if (plan.notes && notes) {
      var text = document.createElement("div");
      text.className = "handout__notes";
      Array.prototype.forEach.call(notes.children, function (child) {
        text.appendChild(child.cloneNode(true));
      });
      item.appendChild(text);
    }
    if (plan.lines || plan.notes) {
      var lines = document.createElement("div");
      lines.className = "handout__lines";
      lines.setAttribute("aria-hidden", "true");
      item.appendChild(lines);
    }
    return item;
  }

  function setStep(shown) {
    step = shown;
    showStep(slides[current], step);
    showSlideHash();
    announce();
    if (presenterMode) showPresenter();
    relayout();
    if (!applying) tell(current);
  }

  function toggleAllSteps() {
    allSteps = !allSteps;
    root.classList.toggle("steps-all", allSteps);
    setStep(allSteps ? 0 : stepsOf(slides[current]));
  }

  // -- navigation -----------------------------------------------------------------------------
  // A hash that names no slide (#deck-help, #abc) keeps the current slide.
  function indexFromHash() {
    var match = /^#(?:slide-)?(\d+)(?:\.(\d+))?$/.exec(window.location.hash);
    return match ? parseInt(match[1], 10) - 1 : Math.max(current, 0);
  }

  function stepFromHash() {
    var match = /^#(?:slide-)?\d+(?:\.(\d+))?$/.exec(window.location.hash);
    if (!match) return step; // a hash that names no slide keeps the step too
    return match[1] ? parseInt(match[1], 10) : 0;
  }

  function showSlideHash() {
    var hash = "#" + (current + 1) + (step ? "." + step : "");
    if (window.location.hash === hash) return;
    try {
      history.replaceState(null, "", hash);
    } catch (err) {
      window.location.hash = hash;
    }
  }

  var applying = false; // true while following the other window: nothing is told back
  var followingHash = false; // true while following the address: the focus stays where it is

  function go(index, fromPeer, at) {
    index = Math.max(0, Math.min(slides.length - 1, index));
    var shown = Math.max(0, Math.min(stepsOf(slides[index]), at || 0));
    if (index === current) {
      if (shown !== step) {
        applying = !!fromPeer;
        setStep(shown);
        applying = false;
      }
      return;
    }
    var previous = current;
    current = index;
    step = shown;
    showStep(slides[index], shown);
    slides.forEach(function (slide, i) {
      slide.classList.toggle("is-current", i === index);
      slide.classList.toggle("is-next", i === index + 1);
      slide.classList.toggle("no-anim", previous < 0);
      hideOffscreen(slide, !overview && i !== index);
      if (i === index) slide.setAttribute("aria-current", "true");
      else slide.removeAttribute("aria-current");
    });
    showSlideHash();
    if (progress) {
      progress.style.width = (slides.length > 1 ? (index / (slides.length - 1)) * 100 : 100) + "%";
    }
    announce();
    if (presenterMode) showPresenter();
    relayout();
    fitVisible();
    if (reading && previous >= 0) slides[index].scrollIntoView();
    if (overview) slides[index].focus({ preventScroll: false });
    else if (previous >= 0 && !fromPeer && !followingHash) focusHeading();
    if (!fromPeer) tell(index);
  }

  // Off-screen slides are out of the tab order and of what a screen reader browses.
  function hideOffscreen(slide, hidden) {
    hidden = hidden && !reading; // the reading view shows every slide
    slide.setAttribute("aria-hidden", String(hidden));
    slide.inert = hidden;
  }

  // After a move, the focus goes to the new slide's heading (unless a control has it, so that
  // a button can be pressed again): a screen reader reads on from there.
  function focusHeading() {
    var active = document.activeElement;
    if (presenterMode || (active && controls && controls.contains(active))) return;
    var heading = slides[current].querySelector("h1, h2");
    if (!heading) return;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
  }

  function announce() {
    var heading = slides[current].querySelector("h1, h2");
    var count = stepsOf(slides[current]);
    if (status) {
      status.textContent = "Slide " + (current + 1) + " of " + slides.length +
        (heading ? ": " + heading.textContent.trim() : "") +
        (count ? " (step " + step + " of " + count + ")" : "");
    }
    if (counter) {
      counter.textContent = (current + 1) + " / " + slides.length +
        (count ? " · " + step + "/" + count : "");
    }
  }

  function next() {
    if (!overview && step < stepsOf(slides[current])) setStep(step + 1);
    else go(current + 1);
  }

  function prev() {
    if (!overview && step > 0) setStep(step - 1);
    else if (current > 0) go(current - 1, false, stepsOf(slides[current - 1]));
  }

  // -- overview -------------------------------------------------------------------------------
  function setOverview(on) {
    overview = on;
    root.classList.toggle("overview", on);
    slides.forEach(function (slide, i) {
      if (on) {
        slide.setAttribute("tabindex", "0");
      } else {
        slide.removeAttribute("tabindex");
      }
      hideOffscreen(slide, !on && i !== current);
    });
    relayout();
    if (on) {
      slides[current].focus();
      slides[current].scrollIntoView({ block: "nearest" });
    }
  }

  function overviewStep(dx, dy) {
    var cols = Math.max(1, Math.round(deck.clientWidth /
      (slides[0].getBoundingClientRect().width + 20)));
    go(current + dx + dy * cols);
  }

  // -- presenter view -------------------------------------------------------------------------
  var started = Date.now();

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var seconds = Math.floor((Date.now() - started) / 1000);
    presenter.querySelector(".presenter__elapsed").textContent =
      two(Math.floor(seconds / 3600)) + ":" + two(Math.floor(seconds / 60) % 60) + ":" +
      two(seconds % 60);
    var now = new Date();
    presenter.querySelector(".presenter__clock").textContent =
      two(now.getHours()) + ":" + two(now.getMinutes());
    if (duration) showRemaining(seconds);
  }

  // With the deck's 'duration:' (minutes): time left, and whether the talk is on pace (the
  // share of slides shown against the share of time used).
  var duration = parseFloat(deck.getAttribute("data-duration") || "0") * 60;

  function clockText(seconds) {
    var s = Math.abs(Math.round(seconds));
    return (seconds < 0 ? "−" : "") + two(Math.floor(s / 60)) + ":" + two(s % 60);
  }

  // When each slide should start (s): a section slide's 'duration:' times its section, the
  // other sections share what is left of the deck's; each slide gets an even share of its part.
  function plannedStarts() {
    var parts = [{ first: 0, seconds: null }];
    slides.forEach(function (slide, i) {
      if (slide.classList.contains("slide--section")) {
        var minutes = parseFloat(slide.getAttribute("data-duration") || "0");
        if (i === 0) parts[0].seconds = minutes ? minutes * 60 : null;
        else parts.push({ first: i, seconds: minutes ? minutes * 60 : null });
      }
    });
    var fixed = 0, loose = 0;
    parts.forEach(function (part, k) {
      part.count = (k + 1 < parts.length ? parts[k + 1].first : slides.length) - part.first;
      if (part.seconds === null) loose += part.count;
      else fixed += part.seconds;
    });
    var starts = [], at = 0;
    parts.forEach(function (part) {
      var seconds = part.seconds !== null ? part.seconds
        : Math.max(0, duration - fixed) * part.count / Math.max(1, loose);
      for (var j = 0; j < part.count; j++) starts.push(at + seconds * j / part.count);
      at += seconds;
    });
    return starts;
  }
  var plan = null;

  function showRemaining(elapsed) {
    var left = duration - elapsed;
    var remaining = presenter.querySelector(".presenter__remaining");
    remaining.textContent = clockText(left);
    remaining.classList.toggle("is-over", left < 0);
    plan = plan || plannedStarts();
    var behind = elapsed - plan[current];
    presenter.querySelector(".presenter__pace").textContent = Math.abs(behind) < 60 ? "on time"
      : clockText(Math.abs(behind)) + (behind > 0 ? " behind" : " ahead");
  }

  var notesScale = 1;
  function zoomNotes(factor) {
    notesScale = Math.max(0.6, Math.min(2.5, notesScale * factor));
    presenter.querySelector(".presenter__notes").style.fontSize = (22 * notesScale) + "px";
  }

  function showPresenter() {
    var notes = presenter.querySelector(".presenter__notes");
    var source = slides[current].querySelector(".notes");
    notes.textContent = "";
    if (source) {
      Array.prototype.forEach.call(source.children, function (child) {
        notes.appendChild(child.cloneNode(true));
      });
    }
    var count = stepsOf(slides[current]);
    presenter.querySelector(".presenter__counter").textContent =
      (current + 1) + " / " + slides.length + (count ? " · step " + step + " / " + count : "");
    if (nextCopy) nextCopy.parentNode.removeChild(nextCopy);
    nextCopy = null;
    var more = step < count;
    if (more) {
      nextCopy = slides[current].cloneNode(true);
      nextCopy.removeAttribute("id");
      nextCopy.classList.remove("is-current");
      nextCopy.classList.add("is-next", "next-step");
      nextCopy.setAttribute("aria-hidden", "true");
      showStep(nextCopy, step + 1);
      deck.appendChild(nextCopy);
    }
    if (slides[current + 1]) slides[current + 1].classList.toggle("is-next", !more);
    presenter.querySelector(".presenter__next-label").textContent =
      more ? "Next step (" + (step + 1) + " / " + count + ")" : "Next";
    presenter.classList.toggle("at-end", !more && current === slides.length - 1);
    if (duration) tick(); // the pace of the new slide at once
  }

  function openPresenter() {
    if (presenterMode) return;
    var url = window.location.href.split("#")[0].split("?")[0] + "?presenter#" + (current + 1);
    var win = window.open(url, "deck-presenter", "popup,width=1280,height=800");
    if (win) peer = win;
  }

  function startPresenter() {
    root.classList.add("presenter-mode");
    presenter.hidden = false;
    document.title = "Presenter – " + document.title;
    presenter.querySelector(".presenter__timer").addEventListener("click", function () {
      started = Date.now();
      tick();
    });
    presenter.querySelector(".presenter__time--remaining").hidden = !duration;
    presenter.querySelector(".presenter__time--pace").hidden = !duration;
    presenter.querySelector("[data-action=notes-smaller]").addEventListener("click", function () {
      zoomNotes(1 / 1.15);
    });
    presenter.querySelector("[data-action=notes-larger]").addEventListener("click", function () {
      zoomNotes(1.15);
    });
    tick();
    window.setInterval(tick, 1000);
    if (window.opener) peer = window.opener;
  }

  // -- keeping the audience and presenter windows together -------------------------------------
  function tell(index) {
    var message = { type: MESSAGE, deck: deckId, index: index, step: step };
    if (peer && !peer.closed) {
      try { peer.postMessage(message, "*"); } catch (err) { peer = null; }
    }
    if (channel) channel.postMessage(message);
  }

  function hear(data) {
    if (!data || data.type !== MESSAGE || data.deck !== deckId) return;
    if (typeof data.index === "number") go(data.index, true, data.step || 0);
  }

  if ("BroadcastChannel" in window) {
    try {
      channel = new BroadcastChannel("deck:" + deckId);
      channel.onmessage = function (event) { hear(event.data); };
    } catch (err) {
      channel = null;
    }
  }
  window.addEventListener("message", function (event) {
    if (peer && event.source !== peer && !(window.opener && event.source === window.opener)) return;
    if (!peer && event.source) peer = event.source;
    hear(event.data);
  });

  // -- input ----------------------------------------------------------------------------------
  function toggleFullscreen() {
    var promise;
    if (document.fullscreenElement) promise = document.exitFullscreen && document.exitFullscreen();
    else if (root.requestFullscreen) promise = root.requestFullscreen();
    if (promise && promise.catch) promise.catch(function () {});
  }

  function toggleHelp(show) {
    var open = show === undefined ? help.hidden : show;
    if (open === !help.hidden) return;
    help.hidden = !open;
    if (backdrop) backdrop.hidden = !open;
    if (open) {
      helpOpener = document.activeElement;
      help.focus();
    } else if (helpOpener && helpOpener !== document.body && document.contains(helpOpener)) {
      helpOpener.focus();
    }
  }

  function isHelpHash() {
    return window.location.hash === "#" + help.id;
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = event.target && event.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var key = event.key;
    if (reading && key !== "?" && !(key === "Escape" && !help.hidden)) return; // a page: keys scroll
    if (rtl && (key === "ArrowLeft" || key === "ArrowRight")) { // right to left: mirrored
      key = key === "ArrowLeft" ? "ArrowRight" : "ArrowLeft";
    }
    var handled = true;
    if (!help.hidden) {
      // The help is a dialog: it closes with Esc or ?, and no other key reaches the slides.
      if (key === "Escape" || key === "?") toggleHelp(false);
      else handled = false;
    } else if (overview && (key === "Enter" || key === " " || key === "Escape" || key === "o" ||
                            key === "O")) {
      setOverview(false);
    } else if (overview && key === "ArrowRight") overviewStep(1, 0);
    else if (overview && key === "ArrowLeft") overviewStep(-1, 0);
    else if (overview && key === "ArrowDown") overviewStep(0, 1);
    else if (overview && key === "ArrowUp") overviewStep(0, -1);
    else if (key === "ArrowRight" || key === "ArrowDown" || key === "PageDown" ||
             (key === " " && !event.shiftKey) || key === "n" || key === "N") next();
    else if (key === "ArrowLeft" || key === "ArrowUp" || key === "PageUp" ||
             (key === " " && event.shiftKey) || key === "p" || key === "P") prev();
    else if (key === "a" || key === "A") toggleAllSteps();
    else if (key === "Home") go(0);
    else if (key === "End") go(slides.length - 1);
    else if ((key === "o" || key === "O" || key === "Escape") && !presenterMode) setOverview(true);
    else if (key === "s" || key === "S") openPresenter();
    else if (key === "f" || key === "F") toggleFullscreen();
    else if (key === "r" || key === "R") { started = Date.now(); if (presenterMode) tick(); }
    else if (key === "?") toggleHelp();
    else if ((key === "+" || key === "=") && presenterMode) zoomNotes(1.15);
    else if (key === "-" && presenterMode) zoomNotes(1 / 1.15);
    else handled = false;
    if (handled) event.preventDefault();
  });

  document.querySelector(".skip-hint").addEventListener("click",
    function (event) {
      event.preventDefault();
      toggleHelp(true);
    });
  document.querySelector(".skip-link").addEventListener("click", function (event) {
    event.preventDefault();
    if (overview) setOverview(false);
    focusHeading();
  });
  if (backdrop) backdrop.addEventListener("click", function () { toggleHelp(false); });

  // -- the control bar: buttons for what the keys do; it fades when the pointer rests ---------
  var actions = {
    prev: prev,
    next: next,
    overview: function () { setOverview(!overview); },
    reading: function () { setView("reading"); },
    presenter: openPresenter,
    fullscreen: toggleFullscreen,
    help: function () { toggleHelp(); }
  };
  var idleTimer = null;
  function wake() {
    root.classList.remove("chrome-idle");
    window.clearTimeout(idleTimer);
    idleTimer = window.setTimeout(function () { root.classList.add("chrome-idle"); }, 2500);
  }
  if (controls) {
    controls.addEventListener("click", function (event) {
      var button = event.target.closest("[data-action]");
      if (button && actions[button.getAttribute("data-action")]) {
        actions[button.getAttribute("data-action")]();
      }
    });
    ["mousemove", "pointerdown", "touchstart", "focusin"].forEach(function (name) {
      document.addEventListener(name, wake, { passive: true });
    });
    wake();
  }
  help.querySelector(".help__close").addEventListener("click", function () {
    toggleHelp(false);
  });

  deck.addEventListener("click", function (event) {
    var toggle = event.target.closest(".notes-toggle");
    if (toggle) {
      toggle.setAttribute("aria-expanded", String(toggle.getAttribute("aria-expanded") !== "true"));
      return;
    }
    if (reading || event.target.closest("a, button")) return;
    if (!help.hidden) {
      toggleHelp(false);
      return;
    }
    if (overview) {
      var slide = event.target.closest(".slide");
      if (slide) {
        go(slides.indexOf(slide));
        setOverview(false);
      }
      return;
    }
    if (presenterMode) return;
    var third = window.innerWidth / 3; // the third the reader comes from goes back
    if (rtl ? event.clientX > 2 * third : event.clientX < third) prev();
    else next();
  });

  var touch = null;
  deck.addEventListener("touchstart", function (event) {
    if (event.touches.length === 1) {
      touch = { x: event.touches[0].clientX, y: event.touches[0].clientY };
    }
  }, { passive: true });
  deck.addEventListener("touchend", function (event) {
    if (!touch || overview || reading) return;
    var dx = event.changedTouches[0].clientX - touch.x;
    var dy = event.changedTouches[0].clientY - touch.y;
    touch = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > Math.abs(dy) * 1.5) {
      if (rtl ? dx > 0 : dx < 0) next();
      else prev();
      event.preventDefault();
    }
  });

  window.addEventListener("hashchange", function () {
    if (isHelpHash()) toggleHelp(true);
    followingHash = true;
    go(indexFromHash(), false, stepFromHash());
    followingHash = false;
    showSlideHash();
  });
  window.addEventListener("resize", relayout);
  document.addEventListener("fullscreenchange", relayout);
  window.addEventListener("beforeprint", function () {
    slides.forEach(function (slide) { slide.style.display = "block"; fitFrames(slide); });
  });
  window.addEventListener("afterprint", function () {
    slides.forEach(function (slide) { slide.style.display = ""; });
  });

  // -- extension point for `deck serve`: the server sets window.DECK_LIVE_RELOAD_URL ----------
  function liveReload() {
    var url = window.DECK_LIVE_RELOAD_URL;
    if (!url || !("EventSource" in window)) return;
    var source = new EventSource(url);
    source.addEventListener("reload", function () { window.location.reload(); });
    source.onmessage = function (event) {
      if (event.data === "reload") window.location.reload();
    };
  }

  // -- the reading view (reading.css): below 600 px wide the deck is a page to scroll, every
  // slide shown and live; "Slide view" (or ?view=slides) brings the stage back, remembered
  // while the tab is open. The presenter view, handouts and printed steps keep the stage.
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 600px)") : null;
  var VIEW_KEY = "deck:view:" + deckId;

  function storedView() {
    try { return window.sessionStorage.getItem(VIEW_KEY); } catch (err) { return null; }
  }

  function setView(view) {
    root.classList.toggle("view-slides", view === "slides");
    try { window.sessionStorage.setItem(VIEW_KEY, view); } catch (err) { /* private mode */ }
    applyView();
    if (!reading) focusHeading();
  }

  function applyView() {
    var now = !!(narrow && narrow.matches) && !root.classList.contains("view-slides");
    if (now === reading) return;
    var from = reading ? readingAt : current;
    reading = now;
    if (reading && overview) setOverview(false);
    slides.forEach(function (slide, i) {
      if (reading) {
        slide.style.transform = "";
        Array.prototype.forEach.call(slide.querySelectorAll("[data-fitted]"), function (f) {
          f.style.removeProperty("--fit");
          f.removeAttribute("data-fitted");
        });
      }
      hideOffscreen(slide, !overview && i !== current);
    });
    if (reading) {
      markScrollable();
      readingAt = current;
      if (current > 0) slides[current].scrollIntoView();
    } else {
      markScrollable();
      window.scrollTo(0, 0);
      go(from, false, 0);
      relayout();
      fitVisible();
    }
  }

  // The slide at the top of the reading view (followed as the reader scrolls), to open the
  // slide view on.
  var readingAt = 0;
  function topSlide() {
    var bar = document.querySelector(".reading-bar");
    var top = (bar ? Math.max(0, bar.getBoundingClientRect().bottom) : 0) + 8;
    var low = 0, high = slides.length - 1;
    while (low < high) { // the first slide whose foot is below the bar
      var middle = (low + high) >> 1;
      if (slides[middle].getBoundingClientRect().bottom > top) high = middle;
      else low = middle + 1;
    }
    return low;
  }
  var scrollPending = false;
  window.addEventListener("scroll", function () {
    if (!reading || scrollPending) return;
    scrollPending = true;
    window.requestAnimationFrame(function () {
      scrollPending = false;
      if (reading) readingAt = topSlide();
    });
  }, { passive: true });

  // A table, listing or equation wider than the page scrolls inside its box; the keyboard
  // reaches it (tabindex) in the reading view only.
  function markScrollable() {
    Array.prototype.forEach.call(deck.querySelectorAll(".frame--table, .frame--code, .equation"),
      function (box) {
        if (reading && box.scrollWidth > box.clientWidth + 1) box.setAttribute("tabindex", "0");
        else box.removeAttribute("tabindex");
      });
  }

  var viewSwitch = document.querySelector(".view-switch");
  if (viewSwitch) viewSwitch.addEventListener("click", function () { setView("slides"); });
  if (narrow) {
    if (narrow.addEventListener) narrow.addEventListener("change", applyView);
    else if (narrow.addListener) narrow.addListener(applyView);
  }

  // -- start ----------------------------------------------------------------------------------
  if (params.has("handout")) buildHandout(params.get("handout"));
  if (presenterMode) startPresenter();
  var helpAtStart = isHelpHash();
  if (allSteps) root.classList.add("steps-all");
  var asked = params.get("view") || storedView();
  var stage = presenterMode || params.has("handout") || params.has("steps") || params.has("notes");
  if (stage || asked === "slides") root.classList.add("view-slides");
  go(indexFromHash(), true, stepFromHash());
  applyView();
  if (helpAtStart) toggleHelp(true);
  if (presenterMode && peer) tell(current);
  if (document.fonts && document.fonts.ready) {
    // The embedded fonts (the formulas' math font) are loaded now, not when a slide first
    // uses one: a slide is never fitted, nor drawn, with a stand-in's wider metrics.
    document.fonts.forEach(function (face) {
      if (face.status === "unloaded") face.load().catch(function () {});
    });
    document.fonts.ready.then(fitVisible);
  }
  liveReload();
})();
