"""Order and catalogue intake: files in, validated records, one atomic upsert.

``intake``      the services: ``import_orders``, ``import_products`` (and the record
                writers the demo uses), returning an ``ImportSummary``
``common``      reading files (encodings, binary refused), headers, numbers, times
``shopify``     the Shopify orders export
``tabular``     generic CSV/XLSX order tables with a column mapping
``json_source`` a JSON array of orders
``catalogue``   the Shopify products export and the generic catalogue
``profiles``    named column mappings saved for reuse
``upsert``      writing records in one transaction, keyed by (channel, number)
``records``     the plain records every source produces
"""
