"""The actor network: who commanded, served, negotiated with, protested to or opposed whom in 1935.

The figure shows the actors of one year (:func:`year_actors`: those named in a relation dated in
that year or in an event of that year) and the relations among them that were in force by then
(dated in or before the year, or undated). Everything else is left out and listed in a note under
the figure, computed from the same tables, so that nothing outside 1935 sits among the parties.

The layout is layered, not force-directed, so that it is the same on every build and reads like
the situation: Japanese actors in the left columns, Chinese in the right, anyone else in the
middle; within a side, organisations on the outside and persons on the inside, so that
membership links stay short and the links between the sides cross the middle. The order within
a column is chosen (deterministically) to reduce crossings.
"""
from __future__ import annotations

import textwrap

import networkx as nx
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.patches import FancyArrowPatch, Patch, Rectangle

from . import style

# Groups from left to right: Japan (organisations outermost), the others, China (organisations
# outermost). A group larger than MAX_PER_LAYER is split into several layers (sub-columns).
GROUPS = [("japan", "organisation"), ("japan", "person"), ("middle", None), ("china", "person"),
          ("china", "organisation")]
GROUP_TITLES = {("japan", "organisation"): "Japan: organisations", ("japan", "person"): "Japan: persons",
                ("middle", None): "Others", ("china", "person"): "China: persons",
                ("china", "organisation"): "China: organisations"}
MAX_PER_LAYER = 8
FONT_SIZE = 8.0
YEAR = "1935"
PAD = 0.45                     # box padding, in font sizes (room for the dashed outline)
LINE = FONT_SIZE * 1.15 / 72   # inches per label line
GAP = 0.16                     # inches between two boxes of a layer


def group_of(attrs: dict) -> tuple:
    side = attrs.get("side")
    return (side, attrs.get("kind")) if side in ("japan", "china") else ("middle", None)


# Each relation type: colour and line style, so that the key survives greyscale printing.
EDGE_STYLES = {
    "commands": ("#000000", "-", 1.3),
    "subordinate_to": ("#000000", (0, (4, 2)), 1.1),
    "serves_in": ("#8c8c8c", "-", 1.0),
    "member_of": ("#8c8c8c", (0, (1, 1.5)), 1.2),
    "negotiates_with": ("#009E73", "-", 1.6),
    "signs_with": ("#009E73", (0, (5, 1.5, 1, 1.5)), 1.6),
    "allied_with": ("#56B4E9", (0, (4, 2)), 1.4),
    "demands_dismissal_of": ("#CC79A7", "-", 1.8),
    "protests_to": ("#CC79A7", (0, (4, 2)), 1.4),
    "opposes": ("#E69F00", (0, (3, 1.5)), 1.5),
    "assassinated": ("#7F0000", (0, (1, 1.2)), 1.8),
}


def _value(v):
    return None if v is pd.NA or (isinstance(v, float) and v != v) else v


def _year(value) -> str | None:
    value = _value(value)
    return str(value)[:4] if value else None


def year_actors(ev, year: str = YEAR) -> set[str]:
    """Actors with a part in ``year`` according to the data: named in a relation dated in that year,
    or among the actors of an event whose date (or span) falls in that year."""
    actors = {a for r in ev.relations.itertuples(index=False) if _year(r.date) == year for a in (r.source, r.target)}
    events = ev.events.set_index("id")
    for row in ev.event_actors.itertuples(index=False):
        start = _year(events.loc[row.event, "date"])
        end = _year(events.loc[row.event, "end_date"]) or start
        if start and start <= year <= end:
            actors.add(row.actor)
    return actors


def year_relations(ev, year: str = YEAR) -> pd.DataFrame:
    """The relations drawn for ``year``: both ends among :func:`year_actors`, and dated in or before
    the year or undated (a standing tie such as membership of a party)."""
    actors = year_actors(ev, year)
    rel = ev.relations
    keep = [r.source in actors and r.target in actors and (_year(r.date) or year) <= year
            for r in rel.itertuples(index=False)]
    return rel[keep]


def actor_graph(ev, year: str | None = None) -> nx.MultiDiGraph:
    """Nodes: every actor named in a relation, with its actors-table columns as attributes.
    Edges: one per relations row, keyed by the relation id, with ``type``, ``date``, ``note``, ``sources``.
    With ``year``, only the relations of :func:`year_relations` (and the actors they name)."""
    relations = ev.relations if year is None else year_relations(ev, year)
    actors = ev.actors.set_index("id")
    graph = nx.MultiDiGraph()
    for actor_id in sorted(set(relations["source"]) | set(relations["target"])):
        if actor_id not in actors.index:
            raise KeyError(f"relations name actor {actor_id!r}, which is not in the actors table")
        graph.add_node(actor_id, **{k: _value(v) for k, v in actors.loc[actor_id].items()})
    for r in relations.sort_values("id").itertuples(index=False):
        graph.add_edge(r.source, r.target, key=r.id, type=r.type, date=_value(r.date),
                       note=_value(r.note), sources=_value(r.sources))
    return graph


def node_label(attrs: dict, width: int = 15) -> str:
    """'He Yingqin\\n何應欽': the English name over the native script, both wrapped."""
    english = "\n".join(textwrap.wrap(str(attrs.get("name_en") or ""), width, break_long_words=False))
    native = attrs.get("name_native")
    native = native if isinstance(native, str) else ""  # unknown for a few persons
    if native and " " in native:  # a long name in an alphabetic script (e.g. Russian)
        native = "\n".join(textwrap.wrap(native, width + 4, break_long_words=False))
    elif len(native) > 9:         # a long CJK name: break it in the middle
        native = native[: (len(native) + 1) // 2] + "\n" + native[(len(native) + 1) // 2:]
    return f"{english}\n{native}" if native else english


def _layers(graph: nx.MultiDiGraph) -> tuple[list[list[str]], list[tuple]]:
    """Nodes split into layers, left to right, and the group of each layer.

    In a group split into several layers, the nodes with most links towards the middle of the
    figure go to the inner layer, so that links between the sides are short.
    """
    members = {g: [] for g in GROUPS}
    for node in sorted(graph.nodes):
        members[group_of(graph.nodes[node])].append(node)
    position = {g: i for i, g in enumerate(GROUPS)}
    undirected = nx.Graph(graph)
    layers, layer_groups = [], []
    for g in GROUPS:
        nodes = members[g]
        if not nodes:
            continue
        k = -(-len(nodes) // MAX_PER_LAYER)
        inward = 1 if position[g] < position[("middle", None)] else -1

        def score(n, g=g, inward=inward):
            return sum(1 for m in undirected.neighbors(n)
                       if (position[group_of(graph.nodes[m])] - position[g]) * inward > 0)
        nodes = sorted(nodes, key=lambda n: (-score(n), str(graph.nodes[n].get("name_en") or n).casefold(), n))
        size = -(-len(nodes) // k)
        chunks = [nodes[i * size:(i + 1) * size] for i in range(k)]  # chunks[0]: the innermost layer
        if inward == 1:
            chunks.reverse()
        for chunk in chunks:
            layers.append(sorted(chunk, key=lambda n: (str(graph.nodes[n].get("name_en") or n).casefold(), n)))
            layer_groups.append(g)
    return layers, layer_groups


def layered_layout(graph: nx.MultiDiGraph, sweeps: int = 8) -> dict[str, tuple[float, float]]:
    """Positions: x = layer (by side and kind), y in inches, centred; the order within a layer
    reduces crossings (barycentre heuristic) and the spacing follows the height of each label."""
    layers, _ = _layers(graph)
    undirected = nx.Graph(graph)

    def ranks():
        return {node: i - (len(nodes) - 1) / 2 for nodes in layers for i, node in enumerate(nodes)}

    for sweep in range(sweeps):
        order = range(len(layers)) if sweep % 2 == 0 else reversed(range(len(layers)))
        for li in order:
            y = ranks()
            keys = {}
            for i, n in enumerate(layers[li]):
                others = [y[m] for m in undirected.neighbors(n) if m != n]
                keys[n] = (round(sum(others) / len(others), 6) if others else y[n], i)
            layers[li].sort(key=keys.__getitem__)
    pos = {}
    for x, nodes in enumerate(layers):
        heights = [LINE * (node_label(graph.nodes[n]).count("\n") + 1) + 2 * PAD * FONT_SIZE / 72 for n in nodes]
        total = sum(heights) + GAP * (len(nodes) - 1)
        top = total / 2
        for n, h in zip(nodes, heights):
            pos[n] = (float(x), round(top - h / 2, 6))
            top -= h + GAP
    return pos


def left_out(ev, year: str = YEAR) -> tuple[list[str], list[str]]:
    """What the figure for ``year`` leaves out: the actors named in relations but not shown (sorted by
    name), and the ids of the relations not drawn."""
    shown = year_relations(ev, year)
    shown_actors = set(shown["source"]) | set(shown["target"])
    rel = ev.relations
    actors = sorted((set(rel["source"]) | set(rel["target"])) - shown_actors,
                    key=lambda a: (str(ev.actor_name(a)).casefold(), a))
    return actors, sorted(set(rel["id"]) - set(shown["id"]))


def _note(ev, year: str) -> str:
    actors, relations = left_out(ev, year)
    if not actors and not relations:
        return ""
    names = ", ".join(ev.actor_name(a) for a in actors)
    text = (f"Left out: {len(relations)} relation{'s' * (len(relations) != 1)} dated after {year} or "
            f"with an actor who has no part in {year} in the data")
    return text + (f" ({names})." if names else ".")


def actor_network(ev, *, year: str | None = YEAR, title: str | None = None) -> Figure:
    """The relations as a network figure: boxes coloured by side, edges styled by type, with a key.

    With ``year`` (the default, 1935), only the actors and relations of that year, and a note
    under the figure naming what is left out; with ``year=None``, every relation."""
    style.apply()
    graph = actor_graph(ev, year)
    layers, layer_groups = _layers(graph)
    pos = layered_layout(graph)
    middle = next((i for i, g in enumerate(layer_groups) if g == ("middle", None)), (len(layers) - 1) / 2)
    span = max(abs(y) for _, y in pos.values()) + 0.25   # inches above and below the centre line
    types = [t for t in EDGE_STYLES if t in {d["type"] for _, _, d in graph.edges(data=True)}]
    sides = [s for s in style.PALETTE if s in {graph.nodes[n].get("side") for n in graph.nodes}]
    legend_rows = max(-(-len(types) // 3), -(-(len(sides) + 2) // 2)) + 1
    note = _note(ev, year) if year else ""
    note_lines = textwrap.wrap(note, 110)
    note_h = (0.1 + 0.16 * len(note_lines)) if note_lines else 0
    legend_h = 0.2 + 0.2 * legend_rows + note_h
    top_h = 0.45 + (0.3 if title else 0)
    height = 2 * span + legend_h + top_h
    fig = Figure(figsize=(7.0, height), facecolor="white")
    ax = fig.add_axes((0.0, legend_h / height, 1.0, 2 * span / height))
    ax.set_axis_off()
    ax.set_xlim(-0.6, len(layers) - 0.4)
    ax.set_ylim(-span, span)
    if note_lines:
        fig.text(0.01, 0.04 / height, "\n".join(note_lines), ha="left", va="bottom", fontsize=7.5,
                 fontfamily=style.FONT_FAMILY, color="#222222", label="_left-out")

    texts = {}
    for node in sorted(graph.nodes):
        attrs = graph.nodes[node]
        colour = style.PALETTE.get(attrs.get("side"), style.PALETTE["other"])
        is_person = attrs.get("kind") == "person"
        # Persons: rounded box, solid line; organisations: square box, dashed line (greyscale-safe).
        box = dict(boxstyle=f"round,pad={PAD}" if is_person else f"square,pad={PAD}", facecolor="white",
                   edgecolor=colour, linewidth=1.3 if is_person else 1.5,
                   linestyle="-" if is_person else (0, (3, 1)))
        x, y = pos[node]
        texts[node] = ax.text(x, y, node_label(attrs), ha="center", va="center", fontsize=FONT_SIZE,
                              fontfamily=style.FONT_FAMILY, bbox=box, zorder=3, linespacing=1.0,
                              label=f"_actor:{node}")
    for g in GROUPS:
        xs = [i for i, lg in enumerate(layer_groups) if lg == g]
        if xs:
            ax.text(sum(xs) / len(xs), span, GROUP_TITLES[g].replace(": ", ":\n"), ha="center", va="bottom",
                    fontsize=FONT_SIZE, fontweight="bold", fontfamily=style.FONT_FAMILY, color="#222222",
                    linespacing=1.0)

    # The boxes' outlines in data coordinates, measured once: arrows stop at them, and can then be
    # drawn *under* the boxes, so that a link passing behind a box never hides its label.
    renderer = FigureCanvasAgg(fig).get_renderer()
    pad = PAD * FONT_SIZE / 72 * fig.dpi
    to_data = ax.transData.inverted()
    outlines = {}
    for node, text in texts.items():
        ext = text.get_window_extent(renderer)
        (x0, y0), (x1, y1) = to_data.transform([(ext.x0 - pad, ext.y0 - pad), (ext.x1 + pad, ext.y1 + pad)])
        outline = Rectangle((x0, y0), x1 - x0, y1 - y0, transform=ax.transData, visible=False)
        ax.add_patch(outline)
        outlines[node] = outline

    # Edges: parallel ones between the same pair fan out; links within a layer bow outwards.
    seen: dict[tuple[str, str], int] = {}
    for u, v, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        if u == v:
            continue  # a self-relation has no line to draw; it stays in the graph
        pair = tuple(sorted((u, v)))
        k = seen.get(pair, 0)
        seen[pair] = k + 1
        colour, linestyle, width = EDGE_STYLES[data["type"]]
        (x1, y1), (x2, y2) = pos[u], pos[v]
        if abs(x1 - x2) < 1e-9:
            # matplotlib's arc3 bows to the right of the direction of travel for rad > 0.
            outwards = -1 if x1 < middle else 1
            rad = outwards * (0.4 + 0.15 * k) * (1 if y2 > y1 else -1)
        else:
            rad = (0.06 + 0.12 * k) * (-1 if k % 2 else 1)
        arrow = FancyArrowPatch(
            (x1, y1), (x2, y2), patchA=outlines[u], patchB=outlines[v],
            arrowstyle="-|>", mutation_scale=8, color=colour, linestyle=linestyle, linewidth=width,
            connectionstyle=f"arc3,rad={rad:.3f}", shrinkA=1.5, shrinkB=1.5, zorder=2,
            label=f"_relation:{key}")
        ax.add_patch(arrow)

    handles = [Line2D([], [], color=EDGE_STYLES[t][0], linestyle=EDGE_STYLES[t][1], linewidth=EDGE_STYLES[t][2],
                      label=t.replace("_", " ")) for t in types]
    fig.legend(handles=handles, loc="lower left", ncols=3, frameon=False, bbox_to_anchor=(0.0, note_h / height),
               prop={"family": style.FONT_FAMILY, "size": 7.5}, handlelength=3.0, columnspacing=1.0,
               labelspacing=0.3, title="Relation (arrow: from subject to object)",
               title_fontproperties={"family": style.FONT_FAMILY, "size": 7.5, "weight": "bold"})
    keys = [Patch(facecolor="white", edgecolor=style.PALETTE[s], linewidth=1.6, label=s.capitalize()) for s in sides]
    keys += [Patch(facecolor="white", edgecolor="#444444", linewidth=1.4, label="person (rounded box)"),
             Patch(facecolor="white", edgecolor="#444444", linewidth=1.4, linestyle=(0, (3, 1)),
                   label="organisation (dashed box)")]
    fig.legend(handles=keys, loc="lower right", ncols=2, frameon=False, bbox_to_anchor=(1.0, note_h / height),
               prop={"family": style.FONT_FAMILY, "size": 7.5}, labelspacing=0.3, columnspacing=1.0,
               handlelength=1.6, title="Side and kind",
               title_fontproperties={"family": style.FONT_FAMILY, "size": 7.5, "weight": "bold"})
    if title:
        fig.suptitle(title, fontsize=10, fontfamily=style.FONT_FAMILY)
    return style.finish(fig)


def plotted_relations(fig: Figure) -> list[str]:
    """Relation ids drawn in an :func:`actor_network` figure (self-relations are not drawn)."""
    return sorted(p.get_label().removeprefix("_relation:") for ax in fig.axes for p in ax.patches
                  if p.get_label().startswith("_relation:"))


def plotted_actors(fig: Figure) -> list[str]:
    """Actor ids shown as boxes in an :func:`actor_network` figure."""
    return sorted(t.get_label().removeprefix("_actor:") for ax in fig.axes for t in ax.texts
                  if t.get_label().startswith("_actor:"))
