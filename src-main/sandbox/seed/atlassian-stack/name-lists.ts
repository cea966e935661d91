/**
 * Given names and family names that the seed combines into its 300 invented people. Any
 * resemblance of a combination to a real person is a coincidence.
 */

export const FIRST_NAMES = [
  'Aaliyah', 'Abdul', 'Adaeze', 'Aiko', 'Alejandro', 'Amara', 'Anders', 'Anika', 'Arjun', 'Astrid',
  'Beatriz', 'Bilal', 'Bronwyn', 'Callum', 'Camila', 'Chen', 'Chiara', 'Dae-jung', 'Dalia', 'Darius',
  'Deepa', 'Elif', 'Emeka', 'Esme', 'Farah', 'Felix', 'Freya', 'Gabriel', 'Hana', 'Hamza',
  'Ines', 'Isaac', 'Ivana', 'Jamal', 'Jia', 'Joaquin', 'Kaito', 'Kavya', 'Keanu', 'Lars',
  'Leilani', 'Liam', 'Lucia', 'Mads', 'Maya', 'Mei', 'Mateo', 'Nadia', 'Niamh', 'Nikhil',
  'Noor', 'Olumide', 'Oskar', 'Priya', 'Quentin', 'Rafael', 'Rania', 'Rohan', 'Saanvi', 'Sakura',
  'Santiago', 'Selin', 'Sofia', 'Tariq', 'Thandiwe', 'Tomasz', 'Uma', 'Valentina', 'Wei', 'Yara',
  'Yusuf', 'Zainab', 'Zofia', 'Ebony', 'Henrik', 'Ingrid', 'Kofi', 'Linnea', 'Marcus', 'Paloma',
];

export const LAST_NAMES = [
  'Abara', 'Achterberg', 'Adeyemi', 'Alvarez', 'Andersen', 'Bachmann', 'Banerjee', 'Barros', 'Bergstrom', 'Castellano',
  'Chowdhury', 'Costa', 'Dalgaard', 'Delacroix', 'Dubois', 'Eriksen', 'Fairweather', 'Ferreira', 'Fitzgerald', 'Galloway',
  'Haddad', 'Halvorsen', 'Hashimoto', 'Ibarra', 'Iyer', 'Jablonski', 'Kaminski', 'Kapoor', 'Kealoha', 'Kowalczyk',
  'Lindqvist', 'Lozano', 'MacAllister', 'Mahlangu', 'Marchetti', 'Mbeki', 'Moreau', 'Nakamura', 'Nascimento', 'Novak',
  'Nwosu', 'Obradovic', 'Okafor', 'Oyelaran', 'Papadopoulos', 'Pereira', 'Petrov', 'Quinlan', 'Rahman', 'Ramaswamy',
  'Rasmussen', 'Reyes', 'Rossi', 'Sandoval', 'Sato', 'Schreiber', 'Sorensen', 'Suleiman', 'Takahashi', 'Thorne',
  'Tran', 'Ueda', 'Valdivia', 'Varga', 'Vasquez', 'Whitfield', 'Wojcik', 'Yamamoto', 'Yilmaz', 'Zhang',
];
