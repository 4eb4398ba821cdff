-- GET of the URL's path, over and over (the static page, the article list).
dofile("/bench/lua/common.lua")
