-- A top-level comment is its own root; an insert cannot know its generated id in advance.
CREATE OR REPLACE FUNCTION comments_set_root_id() RETURNS trigger AS $$
BEGIN
  IF NEW.parent_id IS NULL THEN
    NEW.root_id := NEW.id;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER comments_set_root_id BEFORE INSERT ON comments
  FOR EACH ROW EXECUTE FUNCTION comments_set_root_id();
