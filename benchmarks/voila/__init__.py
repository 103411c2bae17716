"""Benchmark: the course's Voila pages - first page, click to feedback, and many learners.

One run on this machine, on servers it starts itself on free loopback ports:

1. Time to interactive in headless Chromium (``page_load.py``): from navigation start until
   the first quiz control is usable (the first "Helpt" button on a module page, the button
   of a bare page), median of N fresh page loads (a new browser context each, so an empty
   cache) for (a) a bare page with one ipywidgets Button, served with OUR settings (the
   repository's voila.json and voila.py, the coursekit template, a preheated kernel), (b)
   every module page, and (c) the same bare page on a STOCK Voila server (``voila
   bare.ipynb``, no voila.json, default template, no preheated kernel). Also the requests
   and the bytes of JavaScript of each page. Between two loads the benchmark shuts the
   page's kernel down and waits until the refilled kernel pool is idle, so every load of
   our pages gets a preheated kernel, as a learner on a quiet server does.
2. Click to feedback in the browser (``click.py``), on module 5: click "Helpt" or "Helpt
   niet" and time (performance.now() in the page, a MutationObserver) until the feedback
   text is in the page; "Volgende" between items; 20 items (recap, statement sort,
   mastery), median, p95.
3. A load test without a browser (``load.py``, over ``protocol.py``): N simulated
   learners, each GETs module 5, opens its kernel's websocket, reads the widget state
   (``request_states`` on the ``jupyter.widget.control`` comm, as the ipywidgets frontend
   does) and answers 20 items of the statement sorts with comm_msg clicks, exactly as a
   Button view sends them, timing each click until the feedback HTML widget's update
   arrives. The learners arrive spread over ``--ramp`` seconds, wait until everyone's page
   is there, and then click with a think time between actions. Reports p50/p95, errors,
   memory (RSS and PSS of the ipykernel children of the server, from /proc) and CPU
   seconds per click. Two more runs: everyone at once (``--burst``), and a baseline without
   TCP_NODELAY (``--nagle``): our settings with the ``send_without_delay()`` call taken out
   of a copy of voila.py, so the generated text can say what that setting gains in the
   same run.
4. A phone network (``phone.py``, issue 16): Chromium's CDP network and CPU emulation
   (150 ms, 1.6 Mbit/s down, 750 kbit/s up, CPU 4x slower): time to the first usable quiz
   button for stock's bare page, module 1 on an empty cache and module 2 after it; every
   request (type, bytes over the wire and decoded, cached); each request of module 1
   blocked once (does the page still work?); bytes per module on a first and a later visit.
5. A class at once (``classroom.py``): N learners with cookies of their own open the same
   module within a second, at protocol level; p95 until the widget state is in, CPU-s per
   page, errors; with our settings and with a pool sized for the class.
6. Targets (``doc.py``): ratio module/bare <= 1.10; our bare/stock <= 0.7; click p50 <= 80
   ms; 50 learners: p95 <= 300 ms, no errors, <= 70 MB per learner; phone: module 1 <= 0.35x
   stock's bare page, module 2 after it <= 3 s; class of 30: sized pool p95 <= 2 s, default
   <= 0.6 CPU-s per page (0.92 before), no errors.

``measure.py`` runs it all and returns ``VoilaResults`` (``results.py``); ``doc.py`` writes
them, in Dutch, as a section of ``docs/performance.md`` (``--write-docs``).

    .venv/bin/python -m benchmarks.voila [--quick] [--write-docs] [--save-results FILE.json]
    .venv/bin/python -m benchmarks.voila --from-results FILE.json --write-docs
"""
