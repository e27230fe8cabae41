#include "emit/output_file.h"
#include "emit/sinks.h"

namespace budgetlens::emit::detail {
namespace {

// A document's JSON Lines go to the file a megabyte at a time: a document of 16 MB writes 190 MB of
// them, which need not be held whole.
constexpr size_t kChunk = 1 << 20;

class JsonlSink : public Sink {
 public:
  explicit JsonlSink(const std::string& path) : file_(path) {}
  bool ok() const { return file_.ok(); }
  const std::string& error() const { return file_.error(); }

  void add(const DocumentResult& document) override {
    buffer_.clear();
    append_jsonl(document, buffer_, kChunk, [this](std::string& full) {
      file_.write(full);
      full.clear();
    });
    file_.write(buffer_);
  }

  std::optional<std::string> finish() override { return file_.commit(); }

 private:
  OutputFile file_;
  std::string buffer_;
};

}  // namespace

SinkResult open_jsonl_sink(const std::string& path) {
  auto sink = std::make_unique<JsonlSink>(path);
  if (!sink->ok()) return Error<ErrorCode>{ErrorCode::kCannotCreate, sink->error()};
  return std::unique_ptr<Sink>(std::move(sink));
}

}  // namespace budgetlens::emit::detail
