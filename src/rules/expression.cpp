#include "govscore/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "govscore/calendar.hpp"
#include "govscore/limits.hpp"
#include "util/text.hpp"

namespace govscore {

const char* type_name(ValueType type) {
  switch (type) {
    case ValueType::kNumber: return "number";
    case ValueType::kBool: return "bool";
    case ValueType::kDate: return "date";
    case ValueType::kList: return "list";
  }
  return "";
}

std::optional<ValueType> parse_type_name(const std::string& name) {
  if (name == "number") return ValueType::kNumber;
  if (name == "bool") return ValueType::kBool;
  if (name == "date") return ValueType::kDate;
  return std::nullopt;
}

std::string format_value(const Value& v) {
  switch (v.type) {
    case ValueType::kBool: return v.boolean ? "是" : "否";
    case ValueType::kDate: return calendar::format_date(v.date);
    case ValueType::kList: {
      std::size_t n = v.events ? v.events->events.size() : 0;
      return std::to_string(n) + (n == 1 ? " event" : " events");
    }
    case ValueType::kNumber: {
      try {
        auto d = v.number.decimals();
        return d && *d <= 2 ? v.number.str() : v.number.fixed(2);
      } catch (const ArithmeticOverflow&) {
        // Too large to write to two decimals exactly: approximate, and say so.
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "≈%.6g", v.number.to_double());
        return buffer;
      }
    }
  }
  return "";
}

// ---------------------------------------------------------------- the tree

class ExpressionNode {
 public:
  enum class Op { kLiteral, kFact, kNot, kNeg, kAnd, kOr, kAdd, kSub, kMul, kDiv, kLt, kLe, kGt, kGe, kEq, kNe,
                  kDaysSince, kMonthsSince, kHas, kMin, kMax,
                  // over events: `fact` is the list fact's index, `field` the event field's
                  kField, kHasField, kCount, kShare, kAll, kAny, kMaxOf, kMinOf, kWorkingDays };
  Op op = Op::kLiteral;
  Value literal;
  std::size_t fact = 0;
  std::size_t field = 0;
  std::shared_ptr<const WorkCalendar> calendar;  // kWorkingDays
  std::vector<std::shared_ptr<const ExpressionNode>> kids;
  ValueType type = ValueType::kNumber;
};

namespace {

using Node = ExpressionNode;
using NodePtr = std::shared_ptr<const Node>;

struct ParseError {
  Message message;
  std::size_t offset = 0;  // byte offset in the text
};

struct Token {
  enum class Kind { kEnd, kNumber, kName, kSymbol } kind = Kind::kEnd;
  std::string text;
  std::size_t offset = 0;
};

std::vector<Token> tokenize(const std::string& s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    Token t;
    t.offset = i;
    if (std::isdigit(c) || (c == '.' && i + 1 < s.size() && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      t.kind = Token::Kind::kNumber;
      while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) t.text += s[i++];
    } else if (std::isalpha(c) || c == '_' || c >= 0x80) {
      t.kind = Token::Kind::kName;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' ||
                              static_cast<unsigned char>(s[i]) >= 0x80))
        t.text += s[i++];
    } else {
      t.kind = Token::Kind::kSymbol;
      static const char* two[] = {"<=", ">=", "==", "!=", "&&", "||"};
      bool matched = false;
      for (const char* op : two) {
        if (s.compare(i, 2, op) == 0) {
          t.text = op;
          i += 2;
          matched = true;
          break;
        }
      }
      if (!matched) {
        if (std::string("+-*/()<>,!").find(static_cast<char>(c)) == std::string::npos)
          throw ParseError{tr("unexpected character '{0}'", std::string(1, static_cast<char>(c))), i};
        t.text = std::string(1, static_cast<char>(c));
        ++i;
      }
    }
    out.push_back(t);
  }
  Token end;
  end.offset = s.size();
  out.push_back(end);
  return out;
}

class Parser {
 public:
  Parser(const std::string& text, const FactList& facts, std::shared_ptr<const WorkCalendar> calendar)
      : tokens_(tokenize(text)), facts_(facts), calendar_(std::move(calendar)) {}

  NodePtr parse_all() {
    NodePtr n = parse_or();
    if (peek().kind != Token::Kind::kEnd) throw ParseError{tr("unexpected \"{0}\"", peek().text), peek().offset};
    return n;
  }

  std::vector<std::size_t> used_facts;
  bool uses_dates = false;

 private:
  const Token& peek() const { return tokens_[pos_]; }
  Token next() { return tokens_[pos_++]; }
  bool accept(const std::string& word) {
    const Token& t = peek();
    if ((t.kind == Token::Kind::kSymbol || t.kind == Token::Kind::kName) && t.text == word) {
      ++pos_;
      return true;
    }
    return false;
  }

  static NodePtr make(Node::Op op, ValueType type, std::vector<NodePtr> kids) {
    auto n = std::make_shared<Node>();
    n->op = op;
    n->type = type;
    n->kids = std::move(kids);
    return n;
  }

  void require(const NodePtr& n, ValueType type, const std::string& what, std::size_t offset) {
    if (n->type != type)
      throw ParseError{tr("{0} needs a {1}, not a {2}", what, type_name(type), type_name(n->type)), offset};
  }

  // One left-associative level of binary operators: operands from `operands`,
  // each of type `operand`, giving `result`.
  NodePtr binary_level(NodePtr (Parser::*operands)(), std::initializer_list<std::pair<const char*, Node::Op>> ops,
                       ValueType operand, ValueType result) {
    NodePtr left = (this->*operands)();
    for (;;) {
      std::size_t at = peek().offset;
      const std::pair<const char*, Node::Op>* matched = nullptr;
      for (const auto& op : ops)
        if (!matched && accept(op.first)) matched = &op;
      if (!matched) return left;
      NodePtr right = (this->*operands)();
      std::string symbol = std::string("\"") + matched->first + "\"";
      require(left, operand, symbol, at);
      require(right, operand, symbol, at);
      left = make(matched->second, result, {left, right});
    }
  }

  // One level deeper for the parse below it: parentheses, call arguments and
  // prefix operators recurse, so a limit keeps hostile input (4 096 bytes of
  // "((((") from exhausting the stack.
  class Deeper {
   public:
    explicit Deeper(Parser& parser) : parser_(parser) {
      if (++parser_.depth_ > limits::kMaxExpressionDepth)
        throw ParseError{tr("nested deeper than {0} levels", limits::kMaxExpressionDepth), parser_.peek().offset};
    }
    Deeper(const Deeper&) = delete;
    Deeper& operator=(const Deeper&) = delete;
    ~Deeper() { --parser_.depth_; }

   private:
    Parser& parser_;
  };

  NodePtr parse_or() {
    Deeper deeper(*this);
    return binary_level(&Parser::parse_and, {{"or", Node::Op::kOr}, {"||", Node::Op::kOr}}, ValueType::kBool, ValueType::kBool);
  }

  NodePtr parse_and() {
    return binary_level(&Parser::parse_not, {{"and", Node::Op::kAnd}, {"&&", Node::Op::kAnd}}, ValueType::kBool,
                        ValueType::kBool);
  }

  NodePtr parse_not() {
    std::size_t at = peek().offset;
    if (accept("not") || accept("!")) {
      Deeper deeper(*this);
      NodePtr operand = parse_not();
      require(operand, ValueType::kBool, "\"not\"", at);
      return make(Node::Op::kNot, ValueType::kBool, {operand});
    }
    return parse_comparison();
  }

  NodePtr parse_comparison() {
    NodePtr left = parse_sum();
    static const std::pair<const char*, Node::Op> kComparisons[] = {{"<=", Node::Op::kLe}, {">=", Node::Op::kGe},
                                                                    {"==", Node::Op::kEq}, {"!=", Node::Op::kNe},
                                                                    {"<", Node::Op::kLt},  {">", Node::Op::kGt}};
    for (const auto& [symbol, op] : kComparisons) {
      std::size_t at = peek().offset;
      if (!accept(symbol)) continue;
      NodePtr right = parse_sum();
      if (left->type != right->type)
        throw ParseError{tr("\"{0}\" compares a {1} with a {2}", symbol, type_name(left->type), type_name(right->type)),
                         at};
      if (left->type == ValueType::kList)
        throw ParseError{tr("\"{0}\" cannot compare lists; compare count(…) or share(…)", symbol), at};
      if (left->type == ValueType::kBool && op != Node::Op::kEq && op != Node::Op::kNe)
        throw ParseError{tr("\"{0}\" needs numbers or dates, not booleans", symbol), at};
      for (const auto& chained : kComparisons)
        if (peek().kind == Token::Kind::kSymbol && peek().text == chained.first)
          throw ParseError{tr("comparisons cannot be chained; join them with \"and\""), peek().offset};
      return make(op, ValueType::kBool, {left, right});
    }
    return left;
  }

  NodePtr parse_sum() {
    return binary_level(&Parser::parse_product, {{"+", Node::Op::kAdd}, {"-", Node::Op::kSub}}, ValueType::kNumber,
                        ValueType::kNumber);
  }

  NodePtr parse_product() {
    return binary_level(&Parser::parse_unary, {{"*", Node::Op::kMul}, {"/", Node::Op::kDiv}}, ValueType::kNumber,
                        ValueType::kNumber);
  }

  NodePtr parse_unary() {
    std::size_t at = peek().offset;
    if (accept("-")) {
      Deeper deeper(*this);
      NodePtr operand = parse_unary();
      require(operand, ValueType::kNumber, "\"-\"", at);
      return make(Node::Op::kNeg, ValueType::kNumber, {operand});
    }
    return parse_primary();
  }

  NodePtr parse_primary() {
    Token t = next();
    if (t.kind == Token::Kind::kNumber) {
      auto v = Exact::parse(t.text);
      if (!v) throw ParseError{tr("\"{0}\" is not a number", t.text), t.offset};
      auto n = std::make_shared<Node>();
      n->op = Node::Op::kLiteral;
      n->type = ValueType::kNumber;
      n->literal.number = *v;
      return n;
    }
    if (t.kind == Token::Kind::kSymbol && t.text == "(") {
      NodePtr inner = parse_or();
      if (!accept(")")) throw ParseError{tr("expected \")\""), peek().offset};
      return inner;
    }
    if (t.kind != Token::Kind::kName)
      throw ParseError{
          t.kind == Token::Kind::kEnd ? tr("the expression ends too early") : tr("unexpected \"{0}\"", t.text),
          t.offset};
    if (t.text == "true" || t.text == "false") {
      auto n = std::make_shared<Node>();
      n->op = Node::Op::kLiteral;
      n->type = ValueType::kBool;
      n->literal.type = ValueType::kBool;
      n->literal.boolean = t.text == "true";
      return n;
    }
    if (peek().kind == Token::Kind::kSymbol && peek().text == "(") return parse_call(t);
    return fact(t);
  }

  NodePtr fact(const Token& t) {
    if (list_scope_) {
      const auto& fields = facts_[*list_scope_].fields;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name != t.text) continue;
        auto n = std::make_shared<Node>();
        n->op = Node::Op::kField;
        n->fact = *list_scope_;
        n->field = i;
        n->type = fields[i].type;
        return n;
      }
    }
    for (std::size_t i = 0; i < facts_.size(); ++i) {
      if (facts_[i].name != t.text) continue;
      auto n = std::make_shared<Node>();
      n->op = Node::Op::kFact;
      n->fact = i;
      n->type = facts_[i].type;
      if (std::find(used_facts.begin(), used_facts.end(), i) == used_facts.end()) used_facts.push_back(i);
      return n;
    }
    std::vector<std::string> names;
    if (list_scope_)
      for (const auto& f : facts_[*list_scope_].fields) names.push_back(f.name);
    for (const auto& f : facts_) names.push_back(f.name);
    throw ParseError{tr("unknown fact \"{0}\"{1}{2}", t.text, text::did_you_mean_message(t.text, names),
                        facts_.empty() ? tr(" (declare it under facts:)") : Message()),
                     t.offset};
  }

  NodePtr parse_call(const Token& name) {
    if (is_list_function(name.text)) {
      if (auto list_call = parse_list_call(name)) return list_call;
    }
    accept("(");
    std::vector<NodePtr> args;
    std::vector<std::size_t> offsets;
    if (!accept(")")) {
      do {
        offsets.push_back(peek().offset);
        if (name.text == "has") {
          Token arg = next();
          if (arg.kind != Token::Kind::kName) throw ParseError{tr("has() takes the name of a fact"), arg.offset};
          args.push_back(fact(arg));
        } else {
          args.push_back(parse_or());
        }
      } while (accept(","));
      if (!accept(")")) throw ParseError{tr("expected \")\" or \",\""), peek().offset};
    }
    auto arity = [&](std::size_t n) {
      if (args.size() != n)
        throw ParseError{
            n == 1 ? tr("{0}() takes {1} argument", name.text, n) : tr("{0}() takes {1} arguments", name.text, n),
            name.offset};
    };
    if (name.text == "days_since" || name.text == "months_since") {
      arity(1);
      require(args[0], ValueType::kDate, name.text + "()", offsets[0]);
      uses_dates = true;
      return make(name.text == "days_since" ? Node::Op::kDaysSince : Node::Op::kMonthsSince, ValueType::kNumber, args);
    }
    if (name.text == "has") {
      arity(1);
      return make(args[0]->op == Node::Op::kField ? Node::Op::kHasField : Node::Op::kHas, ValueType::kBool, args);
    }
    if (name.text == "working_days") {
      arity(2);
      for (std::size_t i = 0; i < 2; ++i) require(args[i], ValueType::kDate, "working_days()", offsets[i]);
      if (!calendar_)
        throw ParseError{
            tr("working_days() needs a calendar: add \"calendar: cn-official\" (or a calendar file) to the rule file"),
            name.offset};
      auto n = std::make_shared<Node>();
      n->op = Node::Op::kWorkingDays;
      n->type = ValueType::kNumber;
      n->kids = args;
      n->calendar = calendar_;
      return n;
    }
    if (name.text == "min" || name.text == "max") {
      arity(2);
      for (std::size_t i = 0; i < 2; ++i) require(args[i], ValueType::kNumber, name.text + "()", offsets[i]);
      return make(name.text == "min" ? Node::Op::kMin : Node::Op::kMax, ValueType::kNumber, args);
    }
    throw ParseError{tr("unknown function \"{0}\"{1}", name.text,
                        text::did_you_mean_message(name.text, {"days_since", "months_since", "has", "min", "max",
                                                               "working_days", "count", "share", "all", "any"})),
                     name.offset};
  }

  static bool is_list_function(const std::string& name) {
    return name == "count" || name == "share" || name == "all" || name == "any" || name == "max" || name == "min";
  }

  // count(xs), count(xs, cond), share/all/any(xs, cond), max/min(xs, expr):
  // the first argument names a list fact, and inside the second its events'
  // fields are names. Returns nullptr for max(a, b)/min(a, b) on numbers
  // (the first argument is not a list fact), leaving the position unchanged.
  NodePtr parse_list_call(const Token& name) {
    std::size_t start = pos_;
    accept("(");
    const Token& first = peek();
    std::optional<std::size_t> list;
    if (first.kind == Token::Kind::kName)
      for (std::size_t i = 0; i < facts_.size(); ++i)
        if (facts_[i].name == first.text && facts_[i].type == ValueType::kList) list = i;
    bool plain_max_min = name.text == "max" || name.text == "min";
    if (!list) {
      if (plain_max_min) {
        pos_ = start;
        return nullptr;
      }
      throw ParseError{tr("{0}() takes a list fact first (declared as {list: {…}})", name.text), first.offset};
    }
    if (list_scope_) throw ParseError{tr("{0}() cannot be used inside another list function", name.text), name.offset};
    Token list_token = next();
    NodePtr xs = fact(list_token);
    NodePtr inner;
    std::size_t inner_at = peek().offset;
    if (accept(",")) {
      inner_at = peek().offset;
      list_scope_ = list;
      inner = parse_or();
      list_scope_.reset();
    }
    if (!accept(")")) throw ParseError{inner ? tr("expected \")\"") : tr("expected \")\" or \",\""), peek().offset};
    Node::Op op = Node::Op::kCount;
    ValueType type = ValueType::kNumber;
    if (name.text == "count") {
      op = Node::Op::kCount;
    } else if (name.text == "share") {
      op = Node::Op::kShare;
    } else if (name.text == "all" || name.text == "any") {
      op = name.text == "all" ? Node::Op::kAll : Node::Op::kAny;
      type = ValueType::kBool;
    } else {
      op = name.text == "max" ? Node::Op::kMaxOf : Node::Op::kMinOf;
    }
    bool condition = op != Node::Op::kMaxOf && op != Node::Op::kMinOf;
    if (!inner && op != Node::Op::kCount)
      throw ParseError{condition ? tr("{0}({1}, …) needs a condition over the events as its second argument", name.text,
                                      list_token.text)
                                 : tr("{0}({1}, …) needs a number or date over the events as its second argument",
                                      name.text, list_token.text),
                       name.offset};
    std::vector<NodePtr> kids{xs};
    if (inner) {
      if (condition) {
        require(inner, ValueType::kBool, name.text + "()", inner_at);
      } else {
        if (inner->type != ValueType::kNumber && inner->type != ValueType::kDate)
          throw ParseError{tr("{0}() needs a number or a date, not a {1}", name.text, type_name(inner->type)),
                           inner_at};
        type = inner->type;
      }
      kids.push_back(inner);
    }
    return make(op, type, kids);
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
  int depth_ = 0;  // see Deeper
  const FactList& facts_;
  std::shared_ptr<const WorkCalendar> calendar_;
  // Inside count(xs, …) and the other list functions: the list fact whose
  // event fields are names there (before the record's facts).
  std::optional<std::size_t> list_scope_;
};

EvaluationProblem problem_of(EvaluationProblem::Kind kind, std::optional<std::size_t> fact = std::nullopt) {
  EvaluationProblem p;
  p.kind = kind;
  p.fact = fact;
  return p;
}

// Evaluation stops at the first problem; it is thrown and caught once.
struct Stop {
  EvaluationProblem problem;
};

class Evaluator {
 public:
  Evaluator(const FactValues& facts, std::optional<long> as_of, std::vector<ListTally>* tallies = nullptr)
      : facts_(facts), as_of_(as_of), tallies_(tallies) {}

  Value eval(const Node& n) const {
    using Op = Node::Op;
    switch (n.op) {
      case Op::kLiteral: return n.literal;
      case Op::kFact: {
        const auto& f = n.fact < facts_.size() ? facts_[n.fact] : std::nullopt;
        if (!f) throw Stop{problem_of(EvaluationProblem::Kind::kMissingFact, n.fact)};
        if (f->null) throw Stop{problem_of(EvaluationProblem::Kind::kNullFact, n.fact)};
        if (f->value.type == ValueType::kList && !f->value.events) {
          Value empty = f->value;  // a list value always has its events, if none
          empty.events = std::make_shared<EventList>();
          return empty;
        }
        return f->value;
      }
      case Op::kHas: {
        const auto& f = n.kids[0]->fact < facts_.size() ? facts_[n.kids[0]->fact] : std::nullopt;
        return boolean(f.has_value() && !f->null);
      }
      case Op::kField: {
        const auto& f = event_field(n, n.field);
        if (!f || f->null) {
          EvaluationProblem p = problem_of(EvaluationProblem::Kind::kNullFact);
          p.fact = n.fact;
          p.field = n.field;
          p.event = event_index_;
          throw Stop{p};
        }
        return f->value;
      }
      case Op::kHasField: {
        const auto& f = event_field(n, n.kids[0]->field);
        return boolean(f.has_value() && !f->null);
      }
      case Op::kCount:
      case Op::kShare:
      case Op::kAll:
      case Op::kAny: return over_events(n);
      case Op::kMaxOf:
      case Op::kMinOf: return extreme(n);
      case Op::kWorkingDays: {
        Value from = eval(*n.kids[0]);
        Value to = eval(*n.kids[1]);
        long uncovered = 0;
        auto count = n.calendar->working_days(from.date, to.date, uncovered);
        if (!count) {
          // Name the argument whose date lies outside: a fact, or an event's field.
          const Node& culprit = year_of_day(from.date) == uncovered ? *n.kids[0] : *n.kids[1];
          EvaluationProblem p = problem_of(EvaluationProblem::Kind::kOutsideCalendar);
          p.year = uncovered;
          p.day = year_of_day(from.date) == uncovered ? from.date : to.date;
          if (culprit.op == Op::kFact || culprit.op == Op::kField) p.fact = culprit.fact;
          if (culprit.op == Op::kField) {
            p.field = culprit.field;
            p.event = event_index_;
          }
          throw Stop{p};
        }
        if (event_working_days_) event_working_days_->push_back(*count);
        return number(Exact(*count));
      }
      case Op::kNot: return boolean(!eval(*n.kids[0]).boolean);
      case Op::kAnd: return boolean(eval(*n.kids[0]).boolean && eval(*n.kids[1]).boolean);
      case Op::kOr: return boolean(eval(*n.kids[0]).boolean || eval(*n.kids[1]).boolean);
      case Op::kNeg: return number(Exact(0) - eval(*n.kids[0]).number);
      case Op::kAdd: return number(eval(*n.kids[0]).number + eval(*n.kids[1]).number);
      case Op::kSub: return number(eval(*n.kids[0]).number - eval(*n.kids[1]).number);
      case Op::kMul: return number(eval(*n.kids[0]).number * eval(*n.kids[1]).number);
      case Op::kDiv: {
        Exact left = eval(*n.kids[0]).number;
        Exact right = eval(*n.kids[1]).number;
        if (right.is_zero()) throw Stop{problem_of(EvaluationProblem::Kind::kDivisionByZero)};
        return number(left / right);
      }
      case Op::kMin: return number(min(eval(*n.kids[0]).number, eval(*n.kids[1]).number));
      case Op::kMax: {
        Exact a = eval(*n.kids[0]).number;
        Exact b = eval(*n.kids[1]).number;
        return number(a < b ? b : a);
      }
      case Op::kDaysSince:
      case Op::kMonthsSince: {
        if (!as_of_) throw Stop{problem_of(EvaluationProblem::Kind::kNoCheckPoint)};
        long day = eval(*n.kids[0]).date;
        return number(n.op == Op::kDaysSince ? Exact(calendar::days_between(day, *as_of_))
                                             : calendar::months_between(day, *as_of_));
      }
      default: {
        Value l = eval(*n.kids[0]);
        Value r = eval(*n.kids[1]);
        int c = l.type == ValueType::kNumber ? l.number.compare(r.number)
                : l.type == ValueType::kDate ? (l.date < r.date ? -1 : l.date > r.date ? 1 : 0)
                                             : (l.boolean == r.boolean ? 0 : 1);
        switch (n.op) {
          case Op::kLt: return boolean(c < 0);
          case Op::kLe: return boolean(c <= 0);
          case Op::kGt: return boolean(c > 0);
          case Op::kGe: return boolean(c >= 0);
          case Op::kEq: return boolean(c == 0);
          default: return boolean(c != 0);
        }
      }
    }
  }

 private:
  const std::optional<FactValue>& event_field(const Node&, std::size_t field) const {
    static const std::optional<FactValue> kNone;
    return event_ && field < event_->size() ? (*event_)[field] : kNone;
  }

  // Evaluates `inner` for each event of the list in `n.kids[0]` in turn.
  template <typename Each>
  void for_each_event(const Node& n, Each each) const {
    Value list = eval(*n.kids[0]);
    const FactValues* outer = event_;
    std::size_t outer_index = event_index_;
    for (std::size_t i = 0; i < list.events->events.size(); ++i) {
      event_ = &list.events->events[i];
      event_index_ = i;
      each(i);
    }
    event_ = outer;
    event_index_ = outer_index;
  }

  // count, share, all, any: every event is visited (no stopping early) so the
  // trace can say how many met the condition and which did not.
  Value over_events(const Node& n) const {
    ListTally tally;
    tally.fact = n.kids[0]->fact;
    tally.function = n.op == Node::Op::kCount ? "count" : n.op == Node::Op::kShare ? "share" : n.op == Node::Op::kAll ? "all" : "any";
    tally.shows_met = n.op == Node::Op::kCount || n.op == Node::Op::kAny;
    for_each_event(n, [&](std::size_t i) {
      ++tally.events;
      if (n.kids.size() < 2) {
        ++tally.met;
        return;
      }
      std::vector<long> days;
      std::vector<long>* outer = event_working_days_;
      event_working_days_ = &days;
      bool met = eval(*n.kids[1]).boolean;
      event_working_days_ = outer;
      if (met) ++tally.met;
      if (met == tally.shows_met && tally.shown.size() < ListTally::kMaxShown) tally.shown.push_back({i, days});
    });
    std::size_t events = tally.events;
    std::size_t met = tally.met;
    if (tallies_ && n.kids.size() > 1) tallies_->push_back(std::move(tally));
    switch (n.op) {
      case Node::Op::kCount: return number(Exact(static_cast<long>(met)));
      case Node::Op::kShare: return number(events == 0 ? Exact(0) : Exact(static_cast<long>(met), static_cast<long>(events)));
      case Node::Op::kAll: return boolean(met == events);
      default: return boolean(met > 0);
    }
  }

  // max/min(xs, expr) over the events; an empty list has neither.
  Value extreme(const Node& n) const {
    std::optional<Value> best;
    for_each_event(n, [&](std::size_t) {
      Value v = eval(*n.kids[1]);
      if (!best) {
        best = v;
        return;
      }
      int c = v.type == ValueType::kDate ? (v.date < best->date ? -1 : v.date > best->date ? 1 : 0) : v.number.compare(best->number);
      if ((n.op == Node::Op::kMaxOf && c > 0) || (n.op == Node::Op::kMinOf && c < 0)) best = v;
    });
    if (!best) {
      EvaluationProblem p = problem_of(EvaluationProblem::Kind::kEmptyList);
      p.fact = n.kids[0]->fact;
      throw Stop{p};
    }
    return *best;
  }

  static Value boolean(bool b) {
    Value v;
    v.type = ValueType::kBool;
    v.boolean = b;
    return v;
  }
  static Value number(const Exact& e) {
    Value v;
    v.number = e;
    return v;
  }
  const FactValues& facts_;
  std::optional<long> as_of_;
  std::vector<ListTally>* tallies_ = nullptr;
  // The event whose fields are names now (inside a list function), its
  // index, and where working_days() results go for the trace.
  mutable const FactValues* event_ = nullptr;
  mutable std::size_t event_index_ = 0;
  mutable std::vector<long>* event_working_days_ = nullptr;
};

int column_of(const std::string& text, std::size_t offset) { return text::line_column(text, offset).column; }

}  // namespace

std::optional<Expression> Expression::parse(const std::string& text, const FactList& facts,
                                             std::optional<ValueType> expected, std::string& error, int& error_column,
                                             std::shared_ptr<const WorkCalendar> calendar) {
  Message message;
  auto e = parse(text, facts, expected, message, error_column, std::move(calendar));
  if (!e) error = message.str();
  return e;
}

std::optional<Expression> Expression::parse(const std::string& text, const FactList& facts,
                                            std::optional<ValueType> expected, Message& error, int& error_column,
                                            std::shared_ptr<const WorkCalendar> calendar) {
  try {
    Parser parser(text, facts, std::move(calendar));
    NodePtr root = parser.parse_all();
    if (expected && root->type != *expected) {
      error = tr("this must give a {0}, but it gives a {1}", type_name(*expected), type_name(root->type));
      error_column = 1;
      return std::nullopt;
    }
    Expression e;
    e.text_ = text;
    e.root_ = root;
    e.facts_ = parser.used_facts;
    e.uses_dates_ = parser.uses_dates;
    return e;
  } catch (const ParseError& p) {
    error = p.message;
    error_column = column_of(text, p.offset);
    return std::nullopt;
  }
}

ValueType Expression::type() const { return root_->type; }

Expression::Outcome Expression::evaluate(const FactValues& facts, std::optional<long> as_of) const {
  Outcome out;
  try {
    out.value = Evaluator(facts, as_of, &out.tallies).eval(*root_);
  } catch (const Stop& stop) {
    out.problem = stop.problem;
  } catch (const ArithmeticOverflow&) {
    out.problem = problem_of(EvaluationProblem::Kind::kOverflow);
  }
  return out;
}

std::optional<Template> Template::parse(const std::string& text, const FactList& facts, std::string& error,
                                        int& error_column, std::shared_ptr<const WorkCalendar> calendar) {
  Message message;
  auto t = parse(text, facts, message, error_column, std::move(calendar));
  if (!t) error = message.str();
  return t;
}

std::optional<Template> Template::parse(const std::string& text, const FactList& facts, Message& error,
                                        int& error_column, std::shared_ptr<const WorkCalendar> calendar) {
  Template t;
  std::string literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '{') {
      literal += text[i];
      continue;
    }
    std::size_t close = text.find('}', i);
    if (close == std::string::npos) {
      error = tr("\"{\" without \"}\"");
      error_column = column_of(text, i);
      return std::nullopt;
    }
    std::string inner = text.substr(i + 1, close - i - 1);
    auto e = Expression::parse(inner, facts, std::nullopt, error, error_column, calendar);
    if (!e) {
      error_column += column_of(text, i + 1) - 1;
      return std::nullopt;
    }
    t.literals_.push_back(literal);
    literal.clear();
    t.parts_.push_back(*e);
    i = close;
  }
  t.literals_.push_back(literal);
  return t;
}

std::string Template::render(const FactValues& facts, std::optional<long> as_of) const {
  std::string out = literals_[0];
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    auto outcome = parts_[i].evaluate(facts, as_of);
    out += outcome.value ? format_value(*outcome.value) : "?";
    out += literals_[i + 1];
  }
  return out;
}

}  // namespace govscore

namespace govscore {

Message value_words(const Value& v) {
  if (v.type != ValueType::kList) return Message::verbatim(format_value(v));
  const std::size_t n = v.events ? v.events->events.size() : 0;
  return n == 1 ? tr("{0} event", n) : tr("{0} events", n);
}

Message describe_tally(const ListTally& tally, const FactList& facts, const FactValues& values) {
  const FactDeclaration& list = facts[tally.fact];
  Message out = tr("{0}: {1}, {2}", list.name, tally.events == 1 ? tr("{0} event", tally.events) : tr("{0} events", tally.events),
                   tally.met == 1 ? tr("{0} meets the condition of {1}()", tally.met, tally.function)
                                  : tr("{0} meet the condition of {1}()", tally.met, tally.function));
  std::size_t listed = tally.shows_met ? tally.met : tally.events - tally.met;
  if (listed == 0) return out;
  if (!tally.shows_met) out = listed == 1 ? tr("{0}, {1} does not", out, listed) : tr("{0}, {1} do not", out, listed);
  const FactValues* none = nullptr;
  const EventList* events = tally.fact < values.size() && values[tally.fact] && values[tally.fact]->value.events
                                ? values[tally.fact]->value.events.get()
                                : nullptr;
  // Joins `item` after `so_far` with `separator` (", " or "; "), or starts with it.
  auto join = [](std::optional<Message>& so_far, Message item, bool semicolon) {
    so_far = !so_far ? std::move(item) : semicolon ? tr("{0}; {1}", *so_far, std::move(item)) : tr("{0}, {1}", *so_far, std::move(item));
  };
  std::optional<Message> shown;
  for (const auto& item : tally.shown) {
    const FactValues* event = events && item.event < events->events.size() ? &events->events[item.event] : none;
    std::optional<Message> fields;
    for (std::size_t f = 0; event && f < list.fields.size(); ++f) {
      const auto& v = f < event->size() ? (*event)[f] : std::nullopt;
      join(fields,
           tr("{0} {1}", list.fields[f].name,
              !v ? tr("not given") : v->null ? Message::verbatim("null") : value_words(v->value)),
           false);
    }
    for (std::size_t d = 0; d < item.working_days.size(); ++d) {
      const long days = item.working_days[d];
      join(fields, days == 1 || days == -1 ? tr("{0} working day", days) : tr("{0} working days", days), d == 0);
    }
    join(shown, tr("#{0} ({1})", item.event + 1, fields ? *fields : Message::verbatim("")), false);
  }
  out = tr("{0}: {1}", out, shown ? *shown : Message::verbatim(""));
  return listed > tally.shown.size() ? tr("{0}, …", out) : out;
}

}  // namespace govscore
