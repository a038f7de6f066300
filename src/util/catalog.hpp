// The Chinese message catalog, compiled into the library: the bytes of the
// GNU .mo file that msgfmt makes from po/zh_CN.po at build time
// (cmake/embed_catalog.cmake writes them into a generated .cpp).
#pragma once

#include <cstddef>

namespace govscore::catalog_detail {

extern const unsigned char kChineseCatalog[];
extern const std::size_t kChineseCatalogSize;

}  // namespace govscore::catalog_detail
