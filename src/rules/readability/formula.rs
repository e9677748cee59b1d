//! A readability formula: numbers, the counts of a text by name, `+ - * /`,
//! parentheses and `sqrt(...)`, read once when the rule set is compiled.

/// The counts a formula may name.
pub const VARIABLES: &[&str] = &[
    "words",
    "sentences",
    "paragraphs",
    "syllables",
    "characters",
    "complex_words",
    "long_words",
    "polysyllabic_words",
];

/// A compiled formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Formula {
    Number(f64),
    /// An index into [`VARIABLES`].
    Variable(usize),
    Negate(Box<Formula>),
    Sqrt(Box<Formula>),
    Binary(char, Box<Formula>, Box<Formula>),
}

/// Why a formula cannot be read: where (a byte offset into it) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaError {
    pub at: usize,
    pub message: String,
}

impl Formula {
    /// Reads `text`, or says where and why it cannot.
    pub fn parse(text: &str) -> Result<Formula, FormulaError> {
        let mut parser = Parser { text, at: 0 };
        let formula = parser.sum()?;
        parser.skip_blanks();
        if parser.at < text.len() {
            return Err(parser.error("expected an operator or the end of the formula"));
        }
        Ok(formula)
    }

    /// The formula's value for `counts`, in the order of [`VARIABLES`]. A
    /// division by zero gives zero: an empty paragraph scores nothing.
    pub fn eval(&self, counts: &[f64]) -> f64 {
        match self {
            Formula::Number(n) => *n,
            Formula::Variable(index) => counts.get(*index).copied().unwrap_or(0.0),
            Formula::Negate(inner) => -inner.eval(counts),
            Formula::Sqrt(inner) => inner.eval(counts).max(0.0).sqrt(),
            Formula::Binary(op, left, right) => {
                let (l, r) = (left.eval(counts), right.eval(counts));
                match op {
                    '+' => l + r,
                    '-' => l - r,
                    '*' => l * r,
                    _ if r == 0.0 => 0.0,
                    _ => l / r,
                }
            }
        }
    }
}

struct Parser<'t> {
    text: &'t str,
    at: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> FormulaError {
        FormulaError {
            at: self.at,
            message: message.to_string(),
        }
    }

    fn skip_blanks(&mut self) {
        let rest = &self.text[self.at..];
        self.at += rest.len() - rest.trim_start().len();
    }

    fn peek(&mut self) -> Option<char> {
        self.skip_blanks();
        self.text[self.at..].chars().next()
    }

    fn sum(&mut self) -> Result<Formula, FormulaError> {
        let mut left = self.product()?;
        while let Some(op @ ('+' | '-')) = self.peek() {
            self.at += 1;
            left = Formula::Binary(op, Box::new(left), Box::new(self.product()?));
        }
        Ok(left)
    }

    fn product(&mut self) -> Result<Formula, FormulaError> {
        let mut left = self.unary()?;
        while let Some(op @ ('*' | '/')) = self.peek() {
            self.at += 1;
            left = Formula::Binary(op, Box::new(left), Box::new(self.unary()?));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Formula, FormulaError> {
        match self.peek() {
            Some('-') => {
                self.at += 1;
                Ok(Formula::Negate(Box::new(self.unary()?)))
            }
            Some('(') => {
                self.at += 1;
                let inner = self.sum()?;
                if self.peek() != Some(')') {
                    return Err(self.error("expected `)`"));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                let rest = &self.text[self.at..];
                let len = rest
                    .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                    .unwrap_or(rest.len());
                let number = rest[..len]
                    .parse()
                    .map_err(|_| self.error("not a number"))?;
                self.at += len;
                Ok(Formula::Number(number))
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let start = self.at;
                let rest = &self.text[start..];
                let len = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let name = &rest[..len];
                self.at += len;
                if name == "sqrt" {
                    if self.peek() != Some('(') {
                        return Err(self.error("expected `(` after `sqrt`"));
                    }
                    return Ok(Formula::Sqrt(Box::new(self.unary()?)));
                }
                match VARIABLES.iter().position(|v| *v == name) {
                    Some(index) => Ok(Formula::Variable(index)),
                    None => Err(FormulaError {
                        at: start,
                        message: format!(
                            "unknown name `{name}`; a formula may use {} and sqrt(...)",
                            VARIABLES.join(", ")
                        ),
                    }),
                }
            }
            Some(_) => Err(self.error("expected a number, a count, `-` or `(`")),
            None => Err(self.error("the formula ends too soon")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_parentheses_and_sqrt() {
        let f = Formula::parse("1 + 2 * (words - 1) / sqrt(sentences)").unwrap();
        let mut counts = vec![0.0; VARIABLES.len()];
        counts[0] = 5.0;
        counts[1] = 4.0;
        assert_eq!(f.eval(&counts), 1.0 + 2.0 * 4.0 / 2.0);
    }

    #[test]
    fn errors_say_where() {
        assert_eq!(Formula::parse("words / sentencez").unwrap_err().at, 8);
        assert_eq!(Formula::parse("(words").unwrap_err().at, 6);
        assert_eq!(Formula::parse("words words").unwrap_err().at, 6);
        assert_eq!(Formula::parse("").unwrap_err().at, 0);
    }
}
