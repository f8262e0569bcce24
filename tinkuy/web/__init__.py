"""What a person looks at in a browser: the local web app (``tinkuy.web.app.create_app``), its
JSON API (``routes``, with the parameters of ``params``), and the pages it shares with the report
(``pages``, from ``templates/`` and ``static/``)."""
