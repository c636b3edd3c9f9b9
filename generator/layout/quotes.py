"""Quotations as a kind of block: the words in typographic quotes, set large, and who said
them under it; a quote is never split."""

from __future__ import annotations

from generator.layout.measure import HEIGHT_SAFETY
from generator.layout.page import Box, Frame, Para, TextFrame
from generator.layout.scripts import quotation_marks, text_direction
from generator.layout.segment import Context, Kind
from generator.layout.typeset import typeset
from generator.source.model import Block, Quote

QUOTE_RATIO = 1.25  # beside other blocks, a quote is set this much larger than the body


def quoted(text: str) -> str:
    """``text`` in the quotation marks of its own direction and script (see
    ``scripts.quotation_marks``): an all-Hebrew quote in an English deck opens on the right."""
    opening, closing = quotation_marks(text)
    return f"{opening}{text}{closing}"


def own_direction(text: str, ctx: Context) -> str:
    """``"rtl"`` or ``"ltr"`` where ``text`` runs otherwise than the deck, else ``""``."""
    found = text_direction(text)
    return found if found and (found == "rtl") != ctx.rtl else ""


class QuoteKind(Kind):
    """A quotation: alone on its slide, at the largest size from the theme's ``statement``
    size down to the body size that fits; beside other blocks, a step above the body."""

    name = "quote"

    def _credit(self, ctx: Context, quote: Quote, width: float) -> tuple[Para, float] | None:
        who = ", ".join(t for t in (quote.by, quote.source) if t)
        if not who:
            return None
        para = Para(f"— {who}", 0, False, float(ctx.theme.sizes["caption"]),
                    direction=own_direction(who, ctx))
        return para, ctx.m.frame_height((para,), width)

    def _size(self, ctx: Context, quote: Quote, size: float, width: float,
              room: float) -> float:
        m = ctx.m
        if not ctx.alone:
            return round(size * QUOTE_RATIO)
        credit = self._credit(ctx, quote, width)
        room = (room - (credit[1] if credit else 0.0) - m.after * size) * HEIGHT_SAFETY
        text = quoted(quote.text)
        big = float(ctx.theme.sizes["statement"])
        while big > size and m.frame_height((Para(text, 0, False, big),), width) > room:
            big -= 1
        return big

    def height(self, ctx: Context, blocks: list[Block], atoms, size: float, width: float,
               room: float) -> float | None:
        quote = blocks[atoms[0].block]
        big = self._size(ctx, quote, size, width, room)
        credit = self._credit(ctx, quote, width)
        text = ctx.m.frame_height((Para(quoted(quote.text), 0, False, big),), width, "heading")
        return text / HEIGHT_SAFETY + (ctx.m.after * size + credit[1] if credit else 0.0)

    def place(self, ctx: Context, blocks: list[Block], atoms, size: float,
              box: Box) -> list[Frame]:
        quote = blocks[atoms[0].block]
        m = ctx.m
        big = self._size(ctx, quote, size, box.w, box.h)
        para = typeset(m, Para(quoted(quote.text), 0, False, big,
                               direction=own_direction(quote.text, ctx)), box.w, "heading")
        height = m.frame_height((para,), box.w, "heading")
        body = TextFrame(Box(box.x, box.y, box.w, height / HEIGHT_SAFETY), (para,), big,
                         "heading", height, role="quote", color="heading")
        out: list[Frame] = [body]
        credit = self._credit(ctx, quote, box.w)
        if credit is not None:
            y = body.box.bottom + m.after * size
            out.append(TextFrame(Box(box.x, y, box.w, credit[1]), (credit[0],), credit[0].size,
                                 "body", credit[1], role="attribution", color="muted"))
        return out

    def check(self, ctx: Context, blocks: list[Block], atom, width: float,
              room: float) -> None:
        quote = blocks[atom.block]
        if (self.height(ctx, blocks, [atom], ctx.fit.minimum, width, room) or 0) > room:
            raise ctx.error(quote.mark, f"the quote is too long for one slide even at "
                            f"{ctx.fit.minimum:g} pt; shorten it (a quote is never split)")
