// The browser edition's hooks around the CLI's main(), exported to
// JavaScript (web/govscore-api.js calls them around Module.callMain).
// main() is run many times in one WebAssembly instance, so what one run
// leaves behind that the next would trip over is cleared here: the spdlog
// logger main() registers under a fixed name, and the error state of the
// standard streams. Each run also starts with the umask a login shell gives
// (022): emscripten starts with 0777, under which the CLI's atomic write
// makes its file unreadable to itself ("cannot flush: Permission denied").
#include <emscripten/emscripten.h>
#include <spdlog/spdlog.h>

#include <sys/stat.h>

#include <cstdio>
#include <iostream>

extern "C" {

// Called before each run of main().
EMSCRIPTEN_KEEPALIVE void govscore_web_begin() {
  spdlog::drop_all();
  ::umask(022);
  std::cout.clear();
  std::cerr.clear();
}

// Called after each run of main(): everything main() wrote to standard
// output and standard error has reached JavaScript when this returns.
EMSCRIPTEN_KEEPALIVE void govscore_web_end() {
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
}
}
