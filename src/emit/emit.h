// emit: records to files — JSON Lines for programs, a workbook for people, CSV per record type.
//
// A Sink takes one DocumentResult at a time, in input order, and writes it as it comes, so a batch
// of any size is written in memory bounded by one document (the workbook keeps its long sheets
// row by row too). Output goes to a temporary file next to the target and is renamed over it only
// when finish() succeeds: an interrupted or failed run never leaves a half-written file.
//
//   auto sink = emit::open_sink("out/corpus.jsonl", {});
//   if (!sink) die(sink.error().message);
//   for (...) (*sink)->add(result);
//   if (auto err = (*sink)->finish()) die(*err);
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "model/records.h"
#include "model/result.h"

namespace budgetlens::emit {

enum class ErrorCode {
  kUnknownFormat,  // the output name ends in neither .jsonl, .xlsx nor a folder separator
  kCannotCreate,   // the file or folder cannot be created (missing parent, permissions)
  kWriteFailed,    // writing or renaming failed (a full device, an I/O error)
  kMalformedRecord,  // reading JSON Lines back: not records as budgetlens writes them
};

struct Options {
  bool table_sheets = true;  // xlsx: one sheet per extracted table
  std::string lang = "zh";   // xlsx: sheet names and column headers in Chinese (zh) or English (en)
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual void add(const DocumentResult& document) = 0;
  // Completes the output; returns a message when it could not be written (nothing is left behind).
  virtual std::optional<std::string> finish() = 0;
};

using SinkResult = Result<std::unique_ptr<Sink>, ErrorCode>;

// The sink for `path`: .jsonl, .xlsx, or a folder (an existing directory or a path ending in '/')
// that receives documents.csv, sections.csv, tables.csv, cells.csv and quantities.csv.
SinkResult open_sink(const std::string& path, const Options& options);

// One document's records as JSON Lines, appended to `out`.
void append_jsonl(const DocumentResult& document, std::string& out);
// The same, with `flush(out)` called whenever `out` holds `chunk` bytes or more (it is to write
// and empty it): a document of any size is written through a buffer of about one chunk.
void append_jsonl(const DocumentResult& document, std::string& out, size_t chunk,
                  const std::function<void(std::string&)>& flush);
// Only its check records.
void append_checks_jsonl(const DocumentResult& document, std::string& out);

// The reverse of append_jsonl: the records of one document read back from its JSON Lines (its
// document record first, every line ending in a line break). Strict: fields by name, order and
// type as the contract writes them, and the records read must write back to exactly `lines`; an
// error's offset is the 1-based line within `lines`, its message says what is wrong there.
using ReadResult = Result<DocumentResult, ErrorCode>;
ReadResult read_jsonl_document(std::string_view lines);

}  // namespace budgetlens::emit
