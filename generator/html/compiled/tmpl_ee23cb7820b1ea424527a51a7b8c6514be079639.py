from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'frames.html.j2'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_step = l_0_paras = l_0_any = l_0_frame = l_0_table = l_0_code = l_0_timeline = missing
    try:
        t_1 = environment.filters['equation']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'equation' found.")
    try:
        t_2 = environment.filters['inline']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'inline' found.")
    pass
    def macro(l_1_item):
        t_3 = []
        if l_1_item is missing:
            l_1_item = undefined("parameter 'item' was not provided", name='item')
        pass
        if context.call(environment.getattr(l_1_item, 'get'), 'step'):
            pass
            t_3.extend((
                ' data-step="',
                escape(environment.getattr(l_1_item, 'step')),
                '"',
            ))
        return concat(t_3)
    context.exported_vars.add('step')
    context.vars['step'] = l_0_step = Macro(environment, macro, 'step', ('item',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_view):
        t_4 = []
        l_1_namespace = resolve('namespace')
        l_1_ns = missing
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        l_1_ns = context.call((undefined(name='namespace') if l_1_namespace is missing else l_1_namespace), open=False)
        for l_2_item in environment.getattr(l_1_view, 'paras'):
            _loop_vars = {}
            pass
            if (environment.getattr(environment.getattr(l_2_item, 'para'), 'bullet') and (not environment.getattr((undefined(name='ns') if l_1_ns is missing else l_1_ns), 'open'))):
                pass
                t_4.append(
                    '<ul>',
                )
                if not isinstance(l_1_ns, Namespace):
                    raise TemplateRuntimeError("cannot assign attribute on non-namespace object")
                l_1_ns['open'] = True
            if ((not environment.getattr(environment.getattr(l_2_item, 'para'), 'bullet')) and environment.getattr((undefined(name='ns') if l_1_ns is missing else l_1_ns), 'open')):
                pass
                t_4.append(
                    '</ul>',
                )
                if not isinstance(l_1_ns, Namespace):
                    raise TemplateRuntimeError("cannot assign attribute on non-namespace object")
                l_1_ns['open'] = False
            if environment.getattr(environment.getattr(l_2_item, 'para'), 'bullet'):
                pass
                t_4.extend((
                    '<li class="para para--level-',
                    escape(environment.getattr(environment.getattr(l_2_item, 'para'), 'level')),
                    '" style="',
                    escape(environment.getattr(l_2_item, 'style')),
                    '"',
                    escape(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_2_item, _loop_vars=_loop_vars)),
                    '>',
                    escape(t_2(environment.getattr(environment.getattr(l_2_item, 'para'), 'text'))),
                    '</li>\n',
                ))
            elif environment.getattr(environment.getattr(l_2_item, 'para'), 'display'):
                pass
                t_4.extend((
                    '<div class="para equation" style="',
                    escape(environment.getattr(l_2_item, 'style')),
                    '">',
                    escape(t_1(environment.getattr(l_2_item, 'para'))),
                    '</div>\n',
                ))
            else:
                pass
                t_4.extend((
                    '<p class="para" style="',
                    escape(environment.getattr(l_2_item, 'style')),
                    '"',
                    escape(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_2_item, _loop_vars=_loop_vars)),
                    '>',
                    escape(t_2(environment.getattr(environment.getattr(l_2_item, 'para'), 'text'))),
                    '</p>\n',
                ))
        l_2_item = missing
        if environment.getattr((undefined(name='ns') if l_1_ns is missing else l_1_ns), 'open'):
            pass
            t_4.append(
                '</ul>',
            )
        return concat(t_4)
    context.exported_vars.add('paras')
    context.vars['paras'] = l_0_paras = Macro(environment, macro, 'paras', ('view',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_view):
        t_5 = []
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        if (environment.getattr(l_1_view, 'type') == 'text'):
            pass
            t_5.extend((
                escape(context.call((undefined(name='frame') if l_0_frame is missing else l_0_frame), l_1_view, ('h3' if (environment.getattr(l_1_view, 'role') == 'column-heading') else 'div'))),
                '\n',
            ))
        elif (environment.getattr(l_1_view, 'type') == 'table'):
            pass
            t_5.extend((
                escape(context.call((undefined(name='table') if l_0_table is missing else l_0_table), l_1_view)),
                '\n',
            ))
        elif (environment.getattr(l_1_view, 'type') == 'code'):
            pass
            t_5.extend((
                escape(context.call((undefined(name='code') if l_0_code is missing else l_0_code), l_1_view)),
                '\n',
            ))
        elif (environment.getattr(l_1_view, 'type') == 'timeline'):
            pass
            t_5.extend((
                escape(context.call((undefined(name='timeline') if l_0_timeline is missing else l_0_timeline), l_1_view)),
                '\n',
            ))
        elif (environment.getattr(l_1_view, 'type') == 'diagram'):
            pass
            t_5.extend((
                '<div class="figure figure--diagram" style="',
                escape(environment.getattr(l_1_view, 'style')),
                '"',
                escape(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_1_view)),
                '>',
                escape(environment.getattr(l_1_view, 'svg')),
                '</div>\n',
            ))
        elif (environment.getattr(l_1_view, 'type') == 'qr'):
            pass
            t_5.extend((
                '<a class="figure figure--qr" href="',
                escape(environment.getattr(l_1_view, 'url')),
                '" style="',
                escape(environment.getattr(l_1_view, 'style')),
                '"',
                escape(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_1_view)),
                '>',
                escape(environment.getattr(l_1_view, 'svg')),
                '</a>\n',
            ))
        elif (environment.getattr(l_1_view, 'type') == 'picture'):
            pass
            t_5.extend((
                '<img class="picture" src="',
                escape(environment.getattr(l_1_view, 'src')),
                '" alt="',
                escape(environment.getattr(l_1_view, 'alt')),
                '" style="',
                escape(environment.getattr(l_1_view, 'style')),
                '"',
                escape(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_1_view)),
                '>\n',
            ))
        elif (environment.getattr(l_1_view, 'type') == 'shape'):
            pass
            t_5.extend((
                '<div class="shape" aria-hidden="true" style="',
                escape(environment.getattr(l_1_view, 'style')),
                '"></div>\n',
            ))
        return concat(t_5)
    context.exported_vars.add('any')
    context.vars['any'] = l_0_any = Macro(environment, macro, 'any', ('view',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_view, l_1_tag):
        t_6 = []
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        if l_1_tag is missing:
            l_1_tag = 'div'
        pass
        t_6.extend((
            '<',
            escape(l_1_tag),
            ' class="frame frame--',
            escape(environment.getattr(l_1_view, 'role')),
            ' font-',
            escape(environment.getattr(l_1_view, 'font')),
        ))
        if environment.getattr(l_1_view, 'bold'):
            pass
            t_6.append(
                ' frame--bold',
            )
        if environment.getattr(l_1_view, 'centred'):
            pass
            t_6.append(
                ' frame--centred',
            )
        if environment.getattr(l_1_view, 'bottom'):
            pass
            t_6.append(
                ' frame--bottom',
            )
        if environment.getattr(l_1_view, 'align'):
            pass
            t_6.extend((
                ' frame--align-',
                escape(environment.getattr(l_1_view, 'align')),
            ))
        t_6.extend((
            '" style="',
            escape(environment.getattr(l_1_view, 'style')),
            '"',
            escape(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_1_view)),
            '>\n',
        ))
        if (l_1_tag == 'div'):
            pass
            t_6.extend((
                escape(context.call((undefined(name='paras') if l_0_paras is missing else l_0_paras), l_1_view)),
                '\n',
            ))
        else:
            pass
            for l_2_item in environment.getattr(l_1_view, 'paras'):
                _loop_vars = {}
                pass
                t_6.extend((
                    '<span class="para" style="',
                    escape(environment.getattr(l_2_item, 'style')),
                    '">',
                    escape(t_2(environment.getattr(environment.getattr(l_2_item, 'para'), 'text'))),
                    '</span>',
                ))
            l_2_item = missing
        t_6.extend((
            '</',
            escape(l_1_tag),
            '>\n',
        ))
        return concat(t_6)
    context.exported_vars.add('frame')
    context.vars['frame'] = l_0_frame = Macro(environment, macro, 'frame', ('view', 'tag'), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_view):
        t_7 = []
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        t_7.extend((
            '<div class="frame frame--table" style="',
            escape(environment.getattr(l_1_view, 'style')),
            '"',
            escape(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_1_view)),
            '>\n<table>\n<colgroup>',
        ))
        for l_2_w in environment.getattr(l_1_view, 'widths'):
            _loop_vars = {}
            pass
            t_7.extend((
                '<col style="',
                escape(l_2_w),
                '">',
            ))
        l_2_w = missing
        t_7.extend((
            '</colgroup>\n<thead><tr style="',
            escape(environment.getattr(l_1_view, 'header_style')),
            '">',
        ))
        for (l_2_text, l_2_align) in environment.getattr(l_1_view, 'header'):
            _loop_vars = {}
            pass
            t_7.extend((
                '<th scope="col" class="cell--',
                escape(l_2_align),
                '">',
                escape(t_2(l_2_text)),
                '</th>',
            ))
        l_2_text = l_2_align = missing
        t_7.append(
            '</tr></thead>\n<tbody>\n',
        )
        for l_2_row in environment.getattr(l_1_view, 'rows'):
            _loop_vars = {}
            pass
            t_7.extend((
                '<tr style="',
                escape(environment.getattr(l_2_row, 'style')),
                '"',
            ))
            if environment.getattr(l_2_row, 'band'):
                pass
                t_7.append(
                    ' class="band-row"',
                )
            t_7.append(
                '>',
            )
            for (l_3_text, l_3_align) in environment.getattr(l_2_row, 'cells'):
                _loop_vars = {}
                pass
                t_7.extend((
                    '<td class="cell--',
                    escape(l_3_align),
                    '">',
                    escape(t_2(l_3_text)),
                    '</td>',
                ))
            l_3_text = l_3_align = missing
            t_7.append(
                '</tr>\n',
            )
        l_2_row = missing
        t_7.append(
            '</tbody>\n</table>\n</div>\n',
        )
        return concat(t_7)
    context.exported_vars.add('table')
    context.vars['table'] = l_0_table = Macro(environment, macro, 'table', ('view',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_view):
        t_8 = []
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        t_8.extend((
            '<pre class="frame frame--code" style="',
            escape(environment.getattr(l_1_view, 'style')),
            '"',
            escape(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_1_view)),
            '><code>',
        ))
        for l_2_line in environment.getattr(l_1_view, 'lines'):
            _loop_vars = {}
            pass
            t_8.append(
                '<span class="code-line',
            )
            if environment.getattr(l_2_line, 'highlighted'):
                pass
                t_8.append(
                    ' code-line--highlighted',
                )
            t_8.append(
                '">',
            )
            if environment.getattr(l_2_line, 'gutter'):
                pass
                t_8.extend((
                    '<span class="code-number" aria-hidden="true">',
                    escape(environment.getattr(l_2_line, 'gutter')),
                    '</span>',
                ))
            for (l_3_text, l_3_style) in environment.getattr(l_2_line, 'tokens'):
                _loop_vars = {}
                pass
                t_8.extend((
                    '<span style="',
                    escape(l_3_style),
                    '">',
                    escape(l_3_text),
                    '</span>',
                ))
            l_3_text = l_3_style = missing
            t_8.append(
                '</span>',
            )
        l_2_line = missing
        t_8.append(
            '</code></pre>\n',
        )
        return concat(t_8)
    context.exported_vars.add('code')
    context.vars['code'] = l_0_code = Macro(environment, macro, 'code', ('view',), False, False, False, context.eval_ctx.autoescape)
    def macro(l_1_view):
        t_9 = []
        if l_1_view is missing:
            l_1_view = undefined("parameter 'view' was not provided", name='view')
        pass
        t_9.extend((
            '<div class="timeline-group"',
            escape(context.call((undefined(name='step') if l_0_step is missing else l_0_step), l_1_view)),
            '>\n<div class="timeline-axis" aria-hidden="true" style="',
            escape(environment.getattr(l_1_view, 'axis')),
            '"></div>\n<ol class="timeline',
        ))
        if environment.getattr(l_1_view, 'vertical'):
            pass
            t_9.append(
                ' timeline--vertical',
            )
        t_9.append(
            '">\n',
        )
        for l_2_event in environment.getattr(l_1_view, 'events'):
            _loop_vars = {}
            pass
            t_9.extend((
                '<li><span class="timeline-marker" aria-hidden="true" style="',
                escape(environment.getattr(l_2_event, 'marker')),
                '"></span>',
                escape(context.call((undefined(name='frame') if l_0_frame is missing else l_0_frame), environment.getattr(l_2_event, 'date'), _loop_vars=_loop_vars)),
                escape(context.call((undefined(name='frame') if l_0_frame is missing else l_0_frame), environment.getattr(l_2_event, 'label'), _loop_vars=_loop_vars)),
                '</li>\n',
            ))
        l_2_event = missing
        t_9.append(
            '</ol>\n</div>\n',
        )
        return concat(t_9)
    context.exported_vars.add('timeline')
    context.vars['timeline'] = l_0_timeline = Macro(environment, macro, 'timeline', ('view',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '3=24&5=40&6=47&7=48&8=51&9=59&10=67&11=71&12=80&13=84&15=93&18=101&22=109&23=114&24=120&25=126&26=132&27=138&28=149&29=162&30=175&34=186&35=195&36=229&37=232&39=237&41=250&45=256&46=263&48=268&49=279&51=296&58=333&59=340&63=387&64=394&65=396&66=399&67=407'