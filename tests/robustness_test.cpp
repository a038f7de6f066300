// Bad input never crashes, never hangs, never loses data: the corpus in
// tests/data/bad/ with its exact messages; inputs over the limits; output
// that survives SIGINT/SIGTERM untouched.
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "helpers.hpp"

using namespace govscore::test;

namespace {

std::string command_for(const std::string& file, const std::string& out) {
  if (ends_with(file, ".yaml")) return "score -r " + file + " samples/dazu-2021q1.json -o '" + out + "'";
  if (ends_with(file, ".csv") || ends_with(file, ".xlsx") || ends_with(file, ".xls"))
    return "score -r rules/dazu-2020.yaml " + file + " --target website --period 2021Q1 -o '" + out + "'";
  return "score -r rules/dazu-2020.yaml " + file + " -o '" + out + "'";
}

bool exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string leftovers(const std::string& dir) {
  std::string out;
  for (const auto& f : corpus_files(dir)) out += f + " ";
  if (DIR* d = opendir(dir.c_str())) {  // corpus_files skips dot files; temporaries start with a dot
    while (dirent* e = readdir(d)) {
      std::string name = e->d_name;
      if (name.rfind(".out", 0) == 0) out += name + " ";
    }
    closedir(d);
  }
  return out;
}

}  // namespace

TEST_CASE("every input of the bad-input corpus gives its exact message, exit code 1 and no output file") {
  std::string out_dir = std::string(GOVSCORE_TEST_TMP) + "/bad-out";
  ::mkdir(out_dir.c_str(), 0755);
  std::string out = out_dir + "/out.csv";
  {
    std::string dir = "tests/data/bad";
    auto files = corpus_files(source_path(dir));
    CHECK(files.size() >= 40);
    for (const auto& name : files) {
      std::string file = dir + "/" + name;
      INFO(file);
      std::remove(out.c_str());
      Run run = run_govscore(command_for(file, out));
      CHECK(run.exit_code == 1);
      CHECK(run.err == slurp(source_path(file + ".expected")));
      CHECK_FALSE(exists(out));
    }
  }
  CHECK(leftovers(out_dir) == "");
}

TEST_CASE("an export where every one of 100 000 lines is wrong is reported in full, not hung on") {
  // Counting errors used to scan every message so far, once per record:
  // quadratic in the number of errors, which a broken export has by the million.
  std::string path = std::string(GOVSCORE_TEST_TMP) + "/all-wrong.ndjson";
  {
    std::ofstream f(path, std::ios::binary);
    for (int i = 1; i <= 100000; ++i)
      f << "{\"id\": \"w" << i << "\", \"name\": \"x\", \"target\": \"site\", \"period\": \"2021Q1\"}\n";
  }
  Run run = run_govscore("validate -r rules/dazu-2020.yaml '" + path + "'");
  CHECK(run.exit_code == 1);
  std::istringstream lines(run.err);
  std::vector<std::string> said;
  for (std::string line; std::getline(lines, line);) said.push_back(line);
  REQUIRE(said.size() == 202);  // the first 200, how many more, the total
  CHECK(said[0] == path + ":1:37: error: record \"w1\": target: unknown target \"site\" in rules dazu-2020 "
                          "(one of: website, 政府网站（专栏）, newmedia, 政务新媒体)");
  CHECK(said[199].rfind(path + ":200:39: error: record \"w200\"", 0) == 0);
  CHECK(said[200] == "… 99800 more not shown");
  CHECK(said[201] == "govscore: 100000 errors in the records; nothing was scored");
  std::remove(path.c_str());
}

TEST_CASE("records from a pipe are read, not mapped, with the same results and the same messages") {
  // A FIFO stands for `producer | govscore … /dev/stdin`: it cannot be
  // mapped, so the file is read into memory instead (file_text.cpp).
  std::string fifo = std::string(GOVSCORE_TEST_TMP) + "/piped.json";
  std::remove(fifo.c_str());
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto run_piped = [&](const std::string& content, const std::string& args) {
    std::thread producer([&] { std::ofstream(fifo, std::ios::binary) << content; });
    Run run = run_govscore(args + " '" + fifo + "'");
    producer.join();
    return run;
  };
  std::string sample = slurp(source_path("samples/dazu-2021q1.json"));
  Run piped = run_piped(sample, "score -r rules/dazu-2020.yaml -f csv");
  CHECK(piped.exit_code == 0);
  CHECK(piped.out == slurp(source_path("tests/data/golden/dazu-2021q1.csv")));
  // Cut off inside the third record: the same message a truncated file gets.
  Run cut = run_piped(sample.substr(0, sample.find("\"id\": \"dz-w-03\"") + 12), "validate -r rules/dazu-2020.yaml");
  CHECK(cut.exit_code == 1);
  CHECK(cut.err.rfind(fifo + ":", 0) == 0);
  CHECK(cut.err.find(": error: invalid JSON: ") != std::string::npos);
  Run wrong = run_piped(R"({"period": "2021Q1", "records": [{"id": "a", "name": "甲", "target": "site"}]})",
                        "validate -r rules/dazu-2020.yaml");
  CHECK(wrong.exit_code == 1);
  CHECK(wrong.err == fifo + ":1:69: error: record \"a\": target: unknown target \"site\" in rules dazu-2020 "
                            "(one of: website, 政府网站（专栏）, newmedia, 政务新媒体)\n"
                            "govscore: 1 error in the records; nothing was scored\n");
  std::remove(fifo.c_str());
}

TEST_CASE("a 200 MB single line is refused without being parsed") {
  std::string path = std::string(GOVSCORE_TEST_TMP) + "/one-line.ndjson";
  {
    std::ofstream f(path, std::ios::binary);
    std::string chunk(1 << 20, 'x');
    f << "{\"id\": \"a\", \"name\": \"";
    for (int i = 0; i < 200; ++i) f << chunk;
    f << "\", \"target\": \"website\"}\n";
  }
  Run run = run_govscore("score -r rules/dazu-2020.yaml '" + path + "' --period 2021Q1");
  CHECK(run.exit_code == 1);
  CHECK(run.err == path + ":1:1: error: this line is 209715244 bytes; one record may be at most 1048576 bytes (1 MiB)\n"
                          "govscore: 1 error in the records; nothing was scored\n");
  std::remove(path.c_str());
}

TEST_CASE("a records file over the size limit is refused before it is read") {
  std::string path = std::string(GOVSCORE_TEST_TMP) + "/huge.json";
  {
    std::ofstream f(path, std::ios::binary);
  }
  REQUIRE(::truncate(path.c_str(), (off_t{2} << 30) + 1) == 0);  // sparse: no disk used
  Run run = run_govscore("score -r rules/dazu-2020.yaml '" + path + "'");
  CHECK(run.exit_code == 1);
  CHECK(run.err == path + ": error: is 2147483649 bytes; at most 2147483648 bytes are read\n"
                          "govscore: 1 error in the records; nothing was scored\n");
  std::remove(path.c_str());
}

TEST_CASE("SIGINT or SIGTERM during a run leaves the previous output untouched and no temporary file") {
  std::string dir = std::string(GOVSCORE_TEST_TMP) + "/signals";
  ::mkdir(dir.c_str(), 0755);
  std::string records = dir + "/records.ndjson";
  if (!exists(records))
    REQUIRE(std::system(("/usr/bin/python3 '" + source_path("bench/generate.py") + "' 150000 '" + records + "'").c_str()) == 0);
  std::string out = dir + "/out.csv";
  // The whole new table, for comparison: a run may be stopped after its
  // rename, while it frees its records, and then the new table is whole.
  std::string reference = std::string(GOVSCORE_TEST_TMP) + "/signals-reference.csv";
  REQUIRE(run_govscore("score -r rules/dazu-2020.yaml '" + records + "' -f csv -o '" + reference + "'").exit_code == 0);
  const std::string new_table = slurp(reference);
  REQUIRE(new_table.size() > 1000000);
  int delays_ms[] = {50, 300, 700, 1200};
  for (int sig : {SIGINT, SIGTERM}) {
    for (int delay : delays_ms) {
      INFO("signal " << sig << " after " << delay << " ms");
      { std::ofstream(out) << "the previous quarter's table\n"; }
      pid_t pid = fork();
      REQUIRE(pid >= 0);
      if (pid == 0) {
        int null = ::open("/dev/null", O_WRONLY);
        ::dup2(null, 2);
        execl(GOVSCORE_BINARY, GOVSCORE_BINARY, "score", "-r", source_path("rules/dazu-2020.yaml").c_str(), records.c_str(),
              "-f", "csv", "-o", out.c_str(), static_cast<char*>(nullptr));
        _exit(127);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(delay));
      ::kill(pid, sig);
      int status = 0;
      ::waitpid(pid, &status, 0);
      std::string now = slurp(out);
      // The old table or the whole new one, never anything in between: a
      // run that finished wrote the new one; a stopped run leaves the old
      // one, or the new one when the signal came after its rename.
      bool finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
      if (finished) {
        CHECK(now == new_table);
      } else {
        CHECK(WIFSIGNALED(status));
        CHECK(WTERMSIG(status) == sig);
        CHECK((now == "the previous quarter's table\n" || now == new_table));
      }
      CHECK(leftovers(dir) == "out.csv records.ndjson ");
    }
  }
}

namespace {

// The directory of the two-core tests.
std::string two_core_dir() {
  std::string dir = std::string(GOVSCORE_TEST_TMP) + "/two-cores";
  ::mkdir(dir.c_str(), 0755);
  return dir;
}

// 200 000 realistic records (bench/generate.py, seeded), made once into
// `dir`: under a name of this process's first, then renamed, so that tests
// running at once never read a file another is writing.
std::string generated_records(const std::string& dir) {
  std::string clean = dir + "/clean.ndjson";
  if (exists(clean)) return clean;
  std::string mine = dir + "/clean." + std::to_string(::getpid()) + ".ndjson";
  REQUIRE(std::system(("/usr/bin/python3 '" + source_path("bench/generate.py") + "' 200000 '" + mine + "'").c_str()) == 0);
  REQUIRE(std::rename(mine.c_str(), clean.c_str()) == 0);
  return clean;
}

std::vector<std::string> lines_of(const std::string& path) {
  std::vector<std::string> lines;
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("a large NDJSON file read on two cores gives the same messages, places and results as one pass") {
  const std::string dir = two_core_dir();
  const std::string clean = generated_records(dir);
  std::vector<std::string> lines = lines_of(clean);
  REQUIRE(lines.size() == 200000);
  REQUIRE(slurp(clean).size() > (std::size_t{4} << 20));  // over the two-core threshold
  std::string first_id = lines[0].substr(lines[0].find("\"id\":\"") + 6);
  first_id = first_id.substr(0, first_id.find('"'));
  // Mistakes in both halves, and an id in the second half that the first half already has.
  lines[4] = R"({"id": "bad5", "name": "x", "target": "website", "deductions": {"周扫秒": 1}})";
  lines[149999] = R"({"id": "z",, })";
  lines[169999] = R"({"name": "no id", "target": "website"})";
  lines[189999] = R"({"id": ")" + first_id + R"(", "name": "y", "target": "newmedia"})";
  std::string broken = dir + "/broken.ndjson";
  {
    std::ofstream out(broken);
    for (const auto& line : lines) out << line << "\n";
  }
  Run run = run_govscore("validate -r rules/dazu-2020.yaml '" + broken + "'");
  CHECK(run.exit_code == 1);
  CHECK(run.err == broken + ":5:65: error: record \"bad5\": deductions: unknown indicator \"周扫秒\" of target website "
                            "(did you mean \"周扫描\"?)\n" +
                   broken + ":150000:12: error: invalid JSON: syntax error while parsing object key - unexpected ','; "
                            "expected string literal\n" +
                   broken + ":170000:1: error: record #170000: missing \"id\"\n" +
                   broken + ":190000:8: error: record \"" + first_id + "\": duplicate id (first in " + broken + " line 1)\n"
                   "govscore: 4 errors in the records; nothing was scored\n");
  // And a clean file scores exactly as the same records given as one JSON document (read in one pass).
  std::string as_json = dir + "/clean.json";
  {
    std::ofstream out(as_json);
    out << "{\"period\": \"2021Q1\", \"records\": [\n";
    std::ifstream in(clean);
    bool first = true;
    for (std::string line; std::getline(in, line);) {
      if (first) line = "{" + line.substr(line.find(",\"id\"") + 1);  // the period moves to the top
      out << (first ? "" : ",\n") << line;
      first = false;
    }
    out << "\n]}\n";
  }
  Run ndjson = run_govscore("score -r rules/dazu-2020.yaml '" + clean + "' -f csv");
  Run json = run_govscore("score -r rules/dazu-2020.yaml '" + as_json + "' -f csv");
  CHECK(ndjson.exit_code == 0);
  CHECK(ndjson.err == "");
  CHECK(json.err == "");
  CHECK(ndjson.out == json.out);
  // Blank lines leave empty slots between the records (the loader then
  // removes them one by one, not only the last): the same table.
  std::string with_blanks = dir + "/blanks.ndjson";
  {
    std::ofstream out(with_blanks);
    const std::vector<std::string> clean_lines = lines_of(clean);
    for (std::size_t i = 0; i < clean_lines.size(); ++i) out << clean_lines[i] << (i == 0 || i == 100000 ? "\n\n   \n" : "\n");
  }
  Run blanks = run_govscore("score -r rules/dazu-2020.yaml '" + with_blanks + "' -f csv");
  CHECK(blanks.err == "");
  CHECK(blanks.out == ndjson.out);
}

TEST_CASE("a large NDJSON file read in blocks sees ids in file order, and one that is not UTF-8 is read in one pass") {
  const std::string dir = two_core_dir();
  const std::string clean = generated_records(dir);
  std::vector<std::string> lines = lines_of(clean);
  REQUIRE(lines.size() == 200000);
  auto write = [&](const std::string& name, const std::vector<std::string>& content, const std::string& prefix = "") {
    std::string path = dir + "/" + name;
    std::ofstream out(path, std::ios::binary);
    out << prefix;
    for (const auto& line : content) out << line << "\n";
    return path;
  };

  // An id whose first record has another mistake is still a duplicate
  // later on, as in one pass, and a third sighting names the first too.
  auto dup = lines;
  dup[50000] = R"({"id": "twice", "name": "a", "target": "website", "deductions": {"周扫秒": 1}})";
  dup[120001] = R"({"id": "twice", "name": "b", "target": "website"})";
  dup[199999] = R"({"id": "twice", "name": "c", "target": "website"})";
  std::string with_dup = write("dup.ndjson", dup);
  Run run = run_govscore("validate -r rules/dazu-2020.yaml '" + with_dup + "'");
  CHECK(run.exit_code == 1);
  CHECK(run.err == with_dup + ":50001:66: error: record \"twice\": deductions: unknown indicator \"周扫秒\" of target website "
                              "(did you mean \"周扫描\"?)\n" +
                   with_dup + ":120002:8: error: record \"twice\": duplicate id (first in " + with_dup + " line 50001)\n" +
                   with_dup + ":200000:8: error: record \"twice\": duplicate id (first in " + with_dup + " line 50001)\n"
                              "govscore: 3 errors in the records; nothing was scored\n");

  // GBK bytes in both halves of the file: one message, for the first, as one pass gives.
  auto gbk = lines;
  gbk[50000] = "{\"id\": \"g1\", \"name\": \"\xB4\xF3\xD7\xE3\", \"target\": \"website\"}";
  gbk[150000] = "{\"id\": \"g2\", \"name\": \"\xB4\xF3\xD7\xE3\", \"target\": \"website\"}";
  std::string not_utf8 = write("gbk.ndjson", gbk);
  run = run_govscore("validate -r rules/dazu-2020.yaml '" + not_utf8 + "'");
  CHECK(run.exit_code == 1);
  CHECK(run.err.find(not_utf8 + ":50001:23: error: not valid UTF-8") == 0);
  CHECK(run.err.find("error:", 10) == run.err.rfind("error:"));  // that one message only

  // A byte-order mark: said once, as one pass says it.
  std::string bom = write("bom.ndjson", lines, "\xEF\xBB\xBF");
  run = run_govscore("validate -r rules/dazu-2020.yaml '" + bom + "'");
  CHECK(run.exit_code == 1);
  CHECK(run.err.find(bom + ":1:1: error: the file starts with a UTF-8 byte-order mark") == 0);
  CHECK(run.err.find("error:", 10) == run.err.rfind("error:"));
}
