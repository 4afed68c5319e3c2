-- The language a user reads the pages in, when it is not their organisation's.
CREATE TABLE user_preferences (
    user_id   TEXT PRIMARY KEY REFERENCES users (id),
    language  TEXT NOT NULL CHECK (language IN ('nb', 'da'))
);
