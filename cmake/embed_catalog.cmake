# Writes the bytes of a compiled message catalog (a .mo file) as a C++ array.
# cmake -DINPUT=zh_CN.mo -DOUTPUT=catalog_zh_CN.cpp -P embed_catalog.cmake
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){32})" "\\1\n" bytes "${bytes}")
file(WRITE "${OUTPUT}.tmp"
  "// Generated from po/zh_CN.po by cmake/embed_catalog.cmake; do not edit.\n"
  "#include \"util/catalog.hpp\"\n\n"
  "namespace govscore::catalog_detail {\n\n"
  "const unsigned char kChineseCatalog[] = {\n${bytes}\n};\n"
  "const std::size_t kChineseCatalogSize = ${size};\n\n"
  "}  // namespace govscore::catalog_detail\n")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
