"""Related items: the published items sharing the most of an item's themes, roles, tags …

Counted from the facet index, like everything a finder lists: bit-plane counting over the
item's options' bitsets (``FacetIndex.most_shared``), ties in the default order, one query
for the rows.
"""

from finder.index import get_index, relation_facets


def _values(obj, facet):
    related = getattr(obj, facet.path)
    if hasattr(related, "all"):
        return {getattr(item, facet.value_field) for item in related.all()}
    return {getattr(related, facet.value_field)} if related is not None else set()


def related(finder, obj, relations, *, limit=4):
    """Up to ``limit`` published items sharing the most of ``obj``'s ``relations`` (paths of
    the finder's related facets or of ``finder.related_by``, e.g. "themes", "region")."""
    index = get_index(finder, finder.get_queryset().db)
    facets = {facet.path: facet for facet in relation_facets(finder)}
    masks = []
    for relation in relations:
        mine = _values(obj, facets[relation])
        masks += [option.mask for option in index.related[relation] if option.value in mine]
    positions = index.most_shared(masks, exclude=index.position.get(obj.pk), limit=limit)
    pks = [index.pks[p] for p in positions]
    by_pk = finder.get_related_queryset(finder.get_queryset()).in_bulk(pks)
    return [by_pk[pk] for pk in pks if pk in by_pk]
