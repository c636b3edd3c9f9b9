from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'deck.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_deck = resolve('deck')
    l_0_root_css = resolve('root_css')
    l_0_layout = resolve('layout')
    l_0_styles = resolve('styles')
    l_0_decor_css = resolve('decor_css')
    l_0_handout_css = resolve('handout_css')
    l_0_pages = resolve('pages')
    l_0_script = resolve('script')
    l_0_f = missing
    try:
        t_1 = environment.filters['inline']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'inline' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.tests['none']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No test named 'none' found.")
    pass
    l_0_f = context.vars['f'] = environment.get_template('frames.html.j2', 'deck.html.j2')._get_default_module(context)
    context.exported_vars.discard('f')
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='deck') if l_0_deck is missing else l_0_deck), 'language'))
    yield '" dir="'
    yield escape(('rtl' if environment.getattr((undefined(name='deck') if l_0_deck is missing else l_0_deck), 'rtl') else 'ltr'))
    yield '" class="no-js">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="deck (lecture-deck generator)">\n'
    if environment.getattr((undefined(name='deck') if l_0_deck is missing else l_0_deck), 'author'):
        pass
        yield '<meta name="author" content="'
        yield escape(environment.getattr((undefined(name='deck') if l_0_deck is missing else l_0_deck), 'author'))
        yield '">\n'
    yield '<title>'
    yield escape(environment.getattr((undefined(name='deck') if l_0_deck is missing else l_0_deck), 'title'))
    yield '</title>\n<style>\n'
    yield escape((undefined(name='root_css') if l_0_root_css is missing else l_0_root_css))
    yield '\n@page { size: '
    yield escape(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'width'))
    yield 'pt '
    yield escape(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'height'))
    yield 'pt; margin: 0; }\n'
    yield escape((undefined(name='styles') if l_0_styles is missing else l_0_styles))
    yield '\n'
    yield escape((undefined(name='decor_css') if l_0_decor_css is missing else l_0_decor_css))
    yield '\n'
    yield escape((undefined(name='handout_css') if l_0_handout_css is missing else l_0_handout_css))
    yield '\n</style>\n</head>\n<body>\n<a class="skip-hint" href="#deck-help">Keyboard shortcuts</a>\n<a class="skip-link" href="#deck">Skip to the current slide</a>\n<main id="deck" class="deck" data-width="'
    yield escape(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'width'))
    yield '" data-height="'
    yield escape(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'height'))
    yield '"'
    if environment.getattr((undefined(name='deck') if l_0_deck is missing else l_0_deck), 'duration'):
        pass
        yield ' data-duration="'
        yield escape(environment.getattr((undefined(name='deck') if l_0_deck is missing else l_0_deck), 'duration'))
        yield '"'
    yield '      aria-roledescription="slide deck" aria-label="'
    yield escape(environment.getattr((undefined(name='deck') if l_0_deck is missing else l_0_deck), 'title'))
    yield '">\n'
    l_1_loop = missing
    for l_1_view, l_1_loop in LoopContext((undefined(name='pages') if l_0_pages is missing else l_0_pages), undefined):
        l_1_page = missing
        _loop_vars = {}
        pass
        l_1_page = environment.getattr(l_1_view, 'page')
        _loop_vars['page'] = l_1_page
        yield '<section class="slide slide--'
        yield escape(environment.getattr((undefined(name='page') if l_1_page is missing else l_1_page), 'kind'))
        yield '" id="slide-'
        yield escape(environment.getattr((undefined(name='page') if l_1_page is missing else l_1_page), 'number'))
        yield '"\n         data-number="'
        yield escape(environment.getattr((undefined(name='page') if l_1_page is missing else l_1_page), 'number'))
        yield '" data-kind="'
        yield escape(environment.getattr((undefined(name='page') if l_1_page is missing else l_1_page), 'kind'))
        yield '"\n         role="group" aria-roledescription="slide"\n         aria-label="'
        yield escape(environment.getattr(l_1_loop, 'index'))
        yield ' of '
        yield escape(t_2((undefined(name='pages') if l_0_pages is missing else l_0_pages)))
        yield '"'
        if environment.getattr(l_1_view, 'steps'):
            pass
            yield ' data-steps="'
            yield escape(environment.getattr(l_1_view, 'steps'))
            yield '"'
            if environment.getattr(l_1_view, 'dim'):
                pass
                yield ' data-dim'
        if ((not t_3(environment.getattr((undefined(name='page') if l_1_page is missing else l_1_page), 'source'))) and environment.getattr(environment.getattr((undefined(name='page') if l_1_page is missing else l_1_page), 'source'), 'duration')):
            pass
            yield ' data-duration="'
            yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_1_page is missing else l_1_page), 'source'), 'duration'))
            yield '"'
        yield '>\n<div class="slide__canvas'
        if environment.getattr(l_1_view, 'backdrop'):
            pass
            yield ' '
            yield escape(environment.getattr(l_1_view, 'backdrop'))
        yield '"'
        if environment.getattr(l_1_view, 'background'):
            pass
            yield ' style="'
            yield escape(environment.getattr(l_1_view, 'background'))
            yield '"'
        yield '>\n'
        if environment.getattr(l_1_view, 'backdrop_art'):
            pass
            yield '<div class="layout-art '
            yield escape(environment.getattr(l_1_view, 'backdrop_art'))
            yield '" aria-hidden="true"></div>'
        if environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'logo'):
            pass
            yield '<div class="logo" aria-hidden="true"></div>'
        if environment.getattr(l_1_view, 'decoration_style'):
            pass
            yield '<div class="band band--'
            yield escape(environment.getattr(environment.getattr(environment.getattr((undefined(name='layout') if l_0_layout is missing else l_0_layout), 'theme'), 'title_slide'), 'look'))
            yield '" aria-hidden="true" style="'
            yield escape(environment.getattr(l_1_view, 'decoration_style'))
            yield '"></div>\n'
        yield escape(context.call(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'frame'), environment.getattr(l_1_view, 'title'), environment.getattr(l_1_view, 'heading_tag'), _loop_vars=_loop_vars))
        yield '\n'
        for l_2_frame in environment.getattr(l_1_view, 'frames'):
            _loop_vars = {}
            pass
            yield escape(context.call(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'any'), l_2_frame, _loop_vars=_loop_vars))
        l_2_frame = missing
        if environment.getattr(l_1_view, 'source'):
            pass
            yield escape(context.call(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'frame'), environment.getattr(l_1_view, 'source'), _loop_vars=_loop_vars))
        if environment.getattr(l_1_view, 'marker'):
            pass
            yield escape(context.call(environment.getattr((undefined(name='f') if l_0_f is missing else l_0_f), 'frame'), environment.getattr(l_1_view, 'marker'), _loop_vars=_loop_vars))
        if environment.getattr(l_1_view, 'footer'):
            pass
            yield '<div class="footer" style="'
            yield escape(environment.getattr(l_1_view, 'footer_style'))
            yield '">'
            yield escape(t_1(environment.getattr(l_1_view, 'footer')))
            yield '</div>\n'
        if environment.getattr(l_1_view, 'show_number'):
            pass
            yield '<div class="number" style="'
            yield escape(environment.getattr(l_1_view, 'number_style'))
            yield '" aria-hidden="true">'
            yield escape(environment.getattr((undefined(name='page') if l_1_page is missing else l_1_page), 'number'))
            yield '</div>\n'
        yield '</div>\n'
        if environment.getattr(l_1_view, 'notes'):
            pass
            yield '<aside class="notes" aria-label="Speaker notes">\n'
            for l_2_para in environment.getattr(l_1_view, 'notes'):
                _loop_vars = {}
                pass
                yield '<p>'
                yield escape(t_1(l_2_para))
                yield '</p>\n'
            l_2_para = missing
            yield '</aside>\n'
        yield '</section>\n'
    l_1_loop = l_1_view = l_1_page = missing
    yield '</main>\n<div class="progress" aria-hidden="true"><div class="progress__bar"></div></div>\n<p class="sr-status" role="status" aria-live="polite"></p>\n<nav class="controls" aria-label="Slide controls">\n  <button type="button" class="controls__button" data-action="prev" aria-label="Previous" title="Previous (←)"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M15 5l-7 7 7 7"/></svg></button>\n  <span class="controls__counter" aria-hidden="true"></span>\n  <button type="button" class="controls__button" data-action="next" aria-label="Next" title="Next (→)"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 5l7 7-7 7"/></svg></button>\n  <button type="button" class="controls__button" data-action="overview" aria-label="Overview" title="Overview (O)"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h6v6h-6z"/></svg></button>\n  <button type="button" class="controls__button" data-action="presenter" aria-label="Presenter view" title="Presenter view (S)"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3 4h18v12H3zM8 20h8M12 16v4"/></svg></button>\n  <button type="button" class="controls__button" data-action="fullscreen" aria-label="Full screen" title="Full screen (F)"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5"/></svg></button>\n  <button type="button" class="controls__button" data-action="help" aria-label="Keyboard shortcuts" title="Help (?)"><svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9 9a3 3 0 1 1 4 2.8c-.6.3-1 .9-1 1.6V15M12 18.5v.5"/></svg></button>\n</nav>\n<section class="presenter" aria-label="Presenter view" hidden>\n  <div class="presenter__pane presenter__pane--current">\n    <p class="presenter__label">Current <span class="presenter__counter"></span></p>\n    <div class="presenter__screen presenter__screen--current"></div>\n  </div>\n  <div class="presenter__pane presenter__pane--next">\n    <p class="presenter__label presenter__next-label">Next</p>\n    <div class="presenter__screen presenter__screen--next"><p class="presenter__end">End of deck</p></div>\n  </div>\n  <div class="presenter__pane presenter__pane--notes">\n    <p class="presenter__label">Notes</p>\n    <div class="presenter__notes" tabindex="0"></div>\n  </div>\n  <div class="presenter__pane presenter__bar">\n    <p class="presenter__time"><button type="button" class="presenter__timer"\n      title="Reset the timer (R)"><span class="presenter__label">Elapsed</span>\n      <span class="presenter__elapsed">00:00:00</span></button></p>\n    <p class="presenter__time presenter__time--remaining" hidden><span class="presenter__label">Remaining</span>\n      <span class="presenter__remaining"></span></p>\n    <p class="presenter__time presenter__time--pace" hidden><span class="presenter__label">Pace</span>\n      <span class="presenter__pace"></span></p>\n    <p class="presenter__time"><span class="presenter__label">Time of day</span>\n      <span class="presenter__clock"></span></p>\n    <p class="presenter__zoom"><span class="presenter__label">Notes size</span>\n      <button type="button" data-action="notes-smaller" title="Smaller notes (-)">Smaller</button>\n      <button type="button" data-action="notes-larger" title="Larger notes (+)">Larger</button></p>\n  </div>\n</section>\n<div class="backdrop" hidden></div>\n<div class="help" id="deck-help" hidden tabindex="-1" role="dialog" aria-label="Keyboard shortcuts">\n  <h2>Keyboard shortcuts</h2>\n  <button type="button" class="help__close" aria-label="Close the keyboard shortcuts">×</button>\n  <dl>\n    <dt>→ ↓ Space Page&nbsp;Down</dt><dd>next step or slide</dd>\n    <dt>← ↑ Shift+Space Page&nbsp;Up</dt><dd>previous step or slide</dd>\n    <dt>Home / End</dt><dd>first / last slide</dd>\n    <dt>A</dt><dd>show every step of revealed slides (or step through them again)</dd>\n    <dt>O or Esc</dt><dd>overview of all slides</dd>\n    <dt>S</dt><dd>presenter view (notes, next slide, timer)</dd>\n    <dt>F</dt><dd>full screen</dd>\n    <dt>+ / −</dt><dd>larger / smaller notes in the presenter view</dd>\n    <dt>?</dt><dd>this help (Esc closes it)</dd>\n    <dt>Swipe</dt><dd>next / previous slide on a touch screen</dd>\n  </dl>\n  <p>Print with notes: open the deck with <code>?notes</code> at the end of its address.</p>\n</div>\n<script>\n'
    yield escape((undefined(name='script') if l_0_script is missing else l_0_script))
    yield '\n</script>\n</body>\n</html>\n'

blocks = {}
debug_info = '3=38&5=41&10=45&11=48&13=51&15=53&16=55&17=59&18=61&19=63&25=65&26=69&27=75&28=78&29=82&30=85&31=89&33=93&34=97&35=105&36=111&37=122&38=127&39=130&40=133&42=137&43=139&44=144&45=147&46=150&47=153&49=157&50=160&53=165&55=168&56=172&121=179'