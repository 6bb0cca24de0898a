"""Scrapy settings: polite by default, because these are small government servers."""

from scrapy.settings.default_settings import EXTENSIONS_BASE as _SCRAPY_EXTENSIONS

BOT_NAME = "congthuong"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

USER_AGENT = (
    "congthuong-archive/0.1 (research archive of Vietnamese trade-department news; "
    "+https://github.com/congthuong-archive/congthuong-archive)"
)
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_VERIFY_CERTIFICATES = True  # a registry entry's `verify_tls: false` turns it off for that site
RETRY_ENABLED = True
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy's remote control listens on a port and imports aiohttp (0.1 s) at start: the crawl needs neither.
# Left out of the base list, not set to None: Scrapy imports every key of a component list, even a disabled one.
EXTENSIONS_BASE = {path: order for path, order in _SCRAPY_EXTENSIONS.items() if not path.endswith(".RemoteControl")}
# The pipelines are synchronous, so items gain nothing from running side by side; Scrapy's default
# of 100 starts 100 asyncio tasks for every response's output.
CONCURRENT_ITEMS = 4
# Scrapy reads a callback's source (inspect, ast) for every new bound method to warn of a generator that
# returns a value: 2% of a crawl's CPU for a check on our own code, which its tests make.
WARN_ON_GENERATOR_RETURN_VALUE = False
DOWNLOAD_FAIL_ON_DATALOSS = True

DOWNLOADER_MIDDLEWARES = {
    "crawler.middlewares.DeclaredCharsetMiddleware": 950,
}
SPIDER_MIDDLEWARES = {
    "crawler.middlewares.IncrementalMiddleware": 950,
}
ITEM_PIPELINES = {
    "crawler.pipelines.NormalizePipeline": 100,
    "crawler.pipelines.ExtractFactsPipeline": 200,
    "crawler.profiles.ProfilePipeline": 800,
    "crawler.pipelines.ArchivePipeline": 900,
}

ARCHIVE_PATH = "archive.db"
ARCHIVE_BATCH_SIZE = 25  # articles per write transaction
ARCHIVE_BATCH_SECONDS = 2.0  # and no article waits longer than this to be written
SOURCES = None  # registry files; None means the local mirror's registry
BACKFILL = False  # True: walk every listing page, not just up to the first known one

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
